/**
 * The console's frame: sign-in (single sign-on when the ledger offers it, else a personal API
 * key), a header with the signed-in person, language and sign-out, a navigation bar (a drawer
 * below the small breakpoint, so it works at 390 px) holding only the areas the person's roles
 * reach, and hash routes (#/enrolments/{id}, ...) so the ledger serves one static page and its
 * API routes never meet the console's.
 */
import { useEffect, useState } from 'react';
import { AppShell, Burger, Button, Center, Group, Loader, NavLink, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { api, session, SIGNED_OUT_EVENT, type Me } from './api';
import { ErrorNotice, LoadedView, useGet } from './components';
import { useI18n, type MessageKey } from './i18n';
import { LanguageSwitch } from './LanguageSwitch';
import { MeContext } from './me';
import { Auditor } from './screens/Auditor';
import { Enrolment } from './screens/Enrolment';
import { Finance } from './screens/Finance';
import { Participant } from './screens/Participant';
import { Record } from './screens/Record';
import { Search } from './screens/Search';
import { SignIn } from './screens/SignIn';
import { completeSso, forgetSsoUser, isSsoCallback, type SignInOptions } from './sso';

const NAV: Array<[string, MessageKey, (may: Me['may']) => boolean]> = [
  ['/search', 'navSearch', () => true],
  ['/participants', 'navParticipant', (may) => may.licences],
  ['/finance', 'navFinance', (may) => may.financeRead || may.bankStatements],
  ['/auditor', 'navAuditor', (may) => may.audit],
];

function useHashRoute(): string {
  const read = () => decodeURI(window.location.hash.replace(/^#/, '')) || '/search';
  const [route, setRoute] = useState(read);
  useEffect(() => {
    const onChange = () => setRoute(read());
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}

function Screen({ route }: { route: string }) {
  const [, first, second, third] = route.split('/');
  if (first === 'enrolments' && second) return <Enrolment key={second} enrolmentId={second} />;
  if (first === 'records' && (second === 'customers' || second === 'learners' || second === 'invoices') && third)
    return <Record key={route} collection={second} id={third} />;
  if (first === 'participants') return <Participant key={second ?? ''} participantId={second} />;
  if (first === 'finance') return <Finance />;
  if (first === 'auditor') return <Auditor />;
  return <Search />;
}

export function App() {
  const { t } = useI18n();
  const [credential, setCredential] = useState(() => session.key());
  const [options, setOptions] = useState<SignInOptions | null>(null);
  const [optionsError, setOptionsError] = useState<unknown>(null);
  const [completing, setCompleting] = useState(isSsoCallback);
  const [ssoError, setSsoError] = useState<unknown>(null);

  useEffect(() => {
    api<SignInOptions>('GET', '/sign-in-options', undefined, null).then(setOptions, setOptionsError);
    const signedOut = () => setCredential(null);
    window.addEventListener(SIGNED_OUT_EVENT, signedOut);
    return () => window.removeEventListener(SIGNED_OUT_EVENT, signedOut);
  }, []);

  // Back from the issuer: redeem the code once the ledger has said which issuer and client it trusts.
  useEffect(() => {
    if (!completing || !options) return;
    if (!options.sso) {
      setSsoError(new Error(t('ssoNotConfigured')));
      setCompleting(false);
      return;
    }
    completeSso(options.sso).then(
      (token) => {
        session.signIn(token, 'oidc');
        setCredential(token);
        setCompleting(false);
      },
      (error: unknown) => {
        setSsoError(error);
        setCompleting(false);
      },
    );
  }, [completing, options, t]);

  if (completing)
    return (
      <Center mih="100vh">
        <Stack align="center" role="status">
          <Loader aria-hidden />
          <Text>{t('ssoCompleting')}</Text>
          <ErrorNotice error={optionsError} />
        </Stack>
      </Center>
    );
  if (!credential)
    return (
      <SignIn
        options={options}
        error={ssoError ?? optionsError}
        onSignedIn={(key) => {
          setSsoError(null);
          setCredential(key);
        }}
      />
    );
  // Keyed by the credential: a new sign-in reads GET /me afresh.
  return (
    <SignedIn
      key={credential}
      onSignOut={() => {
        if (session.method() === 'oidc' && options?.sso) void forgetSsoUser(options.sso);
        session.signOut();
        setCredential(null);
      }}
    />
  );
}

function SignedIn({ onSignOut }: { onSignOut: () => void }) {
  const me = useGet<Me>('/me');
  return (
    <LoadedView loaded={me}>
      {(who) => (
        <MeContext.Provider value={who}>
          <Frame me={who} onSignOut={onSignOut} />
        </MeContext.Provider>
      )}
    </LoadedView>
  );
}

function Frame({ me, onSignOut }: { me: Me; onSignOut: () => void }) {
  const { t } = useI18n();
  const [opened, { toggle, close }] = useDisclosure();
  const route = useHashRoute();
  useEffect(close, [route, close]);
  const account = (
    <>
      <Text size="sm" data-testid="signed-in-as" title={me.userId}>
        {me.displayName ?? me.userId}
        <Text span size="xs" c="dimmed">
          {` · ${me.roles.join(', ')} · ${t(me.authMethod === 'oidc' ? 'viaSso' : 'viaApiKey')}`}
        </Text>
      </Text>
      <LanguageSwitch />
      <Button variant="subtle" size="compact-sm" onClick={onSignOut}>
        {t('signOut')}
      </Button>
    </>
  );
  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('openMenu')} />
            <Title order={2} size="h4" lineClamp={1}>
              {t('appTitle')}
            </Title>
          </Group>
          <Group wrap="nowrap" gap="xs" visibleFrom="sm">
            {account}
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" component="nav" aria-label={t('navigation')}>
        {NAV.filter(([, , shown]) => shown(me.may)).map(([path, label]) => (
          <NavLink key={path} href={`#${path}`} label={t(label)} active={route.startsWith(path)} />
        ))}
        {/* Narrow screens: who is signed in, language and sign-out live in the menu. */}
        <Stack hiddenFrom="sm" mt="md" gap="xs" align="flex-start">
          {account}
        </Stack>
      </AppShell.Navbar>
      <AppShell.Main>
        <Screen route={route} />
      </AppShell.Main>
    </AppShell>
  );
}
