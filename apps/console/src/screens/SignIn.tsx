import { useState, type FormEvent } from 'react';
import { Button, Card, Center, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { api, session } from '../api';
import { ErrorNotice } from '../components';
import { useI18n } from '../i18n';
import { LanguageSwitch } from '../LanguageSwitch';

/**
 * Sign-in with a personal API key: the key is tried on a read every console role may make
 * (GET /rulebooks) before it is kept. Single sign-on arrives with the identity service (OIDC).
 */
export function SignIn({ onSignedIn }: { onSignedIn: () => void }) {
  const { t } = useI18n();
  const [key, setKey] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api('GET', '/rulebooks', undefined, key.trim());
      session.signIn(key.trim());
      onSignedIn();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Center mih="100vh" p="md">
      <Card withBorder shadow="sm" w={420} maw="100%" component="main">
        <form onSubmit={submit} aria-labelledby="sign-in-title">
          <Stack>
            <Title order={1} size="h3" id="sign-in-title">
              {t('appTitle')} — {t('signInTitle')}
            </Title>
            <Text size="sm">{t('signInIntro')}</Text>
            <PasswordInput
              label={t('apiKey')}
              value={key}
              onChange={(e) => setKey(e.currentTarget.value)}
              required
              autoComplete="current-password"
              data-autofocus
            />
            <ErrorNotice error={error} />
            <Button type="submit" loading={busy}>
              {t('signIn')}
            </Button>
            <Text size="xs" c="dimmed">
              {t('ssoNotConfigured')}
            </Text>
            <LanguageSwitch />
          </Stack>
        </form>
      </Card>
    </Center>
  );
}
