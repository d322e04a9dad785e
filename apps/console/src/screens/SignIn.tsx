import { useState, type FormEvent } from 'react';
import { Button, Card, Center, Divider, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { api, session } from '../api';
import { ErrorNotice } from '../components';
import { useI18n } from '../i18n';
import { LanguageSwitch } from '../LanguageSwitch';
import { startSso, type SignInOptions } from '../sso';

/**
 * Sign-in: with single sign-on when the ledger offers it (GET /sign-in-options), and always with a
 * personal API key, which is tried on GET /me before it is kept.
 */
export function SignIn({
  options,
  error: signInError,
  onSignedIn,
}: {
  options: SignInOptions | null;
  error: unknown;
  onSignedIn: (credential: string) => void;
}) {
  const { t } = useI18n();
  const [key, setKey] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api('GET', '/me', undefined, key.trim());
      session.signIn(key.trim(), 'api-key');
      onSignedIn(key.trim());
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }

  async function sso() {
    if (!options?.sso) return;
    setBusy(true);
    setError(null);
    try {
      await startSso(options.sso);
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  }

  return (
    <Center mih="100vh" p="md">
      <Card withBorder shadow="sm" w={420} maw="100%" component="main">
        <Stack>
          <Title order={1} size="h3" id="sign-in-title">
            {t('appTitle')} — {t('signInTitle')}
          </Title>
          {options?.sso && (
            <>
              <Text size="sm">{t('ssoIntro')}</Text>
              <Button onClick={sso} loading={busy}>
                {t('signInSso')}
              </Button>
              <Divider label={t('orApiKey')} labelPosition="center" />
            </>
          )}
          <form onSubmit={submit} aria-labelledby="sign-in-title">
            <Stack>
              <Text size="sm">{t('signInIntro')}</Text>
              <PasswordInput
                label={t('apiKey')}
                value={key}
                onChange={(e) => setKey(e.currentTarget.value)}
                required
                autoComplete="current-password"
                data-autofocus
              />
              <ErrorNotice error={error ?? signInError} />
              <Button type="submit" loading={busy} variant={options?.sso ? 'outline' : 'filled'}>
                {t('signIn')}
              </Button>
            </Stack>
          </form>
          {options && !options.sso && (
            <Text size="xs" c="dimmed">
              {t('ssoNotConfigured')}
            </Text>
          )}
          <LanguageSwitch />
        </Stack>
      </Card>
    </Center>
  );
}
