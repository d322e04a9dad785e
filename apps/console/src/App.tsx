/**
 * The console's frame: a header with language and sign-out, a navigation bar (a drawer below
 * the small breakpoint, so it works at 390 px), and hash routes (#/enrolments/{id}, ...) so the
 * ledger serves one static page and its API routes never meet the console's.
 */
import { useEffect, useState } from 'react';
import { AppShell, Burger, Button, Group, NavLink, Stack, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { session } from './api';
import { useI18n, type MessageKey } from './i18n';
import { LanguageSwitch } from './LanguageSwitch';
import { Auditor } from './screens/Auditor';
import { Enrolment } from './screens/Enrolment';
import { Finance } from './screens/Finance';
import { Participant } from './screens/Participant';
import { Record } from './screens/Record';
import { Search } from './screens/Search';
import { SignIn } from './screens/SignIn';

const NAV: Array<[string, MessageKey]> = [
  ['/search', 'navSearch'],
  ['/participants', 'navParticipant'],
  ['/finance', 'navFinance'],
  ['/auditor', 'navAuditor'],
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
  const [signedIn, setSignedIn] = useState(() => session.key() !== null);
  const [opened, { toggle, close }] = useDisclosure();
  const route = useHashRoute();
  useEffect(close, [route, close]);

  if (!signedIn) return <SignIn onSignedIn={() => setSignedIn(true)} />;
  const account = (
    <>
      <LanguageSwitch />
      <Button
        variant="subtle"
        size="compact-sm"
        onClick={() => {
          session.signOut();
          setSignedIn(false);
        }}
      >
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
        {NAV.map(([path, label]) => (
          <NavLink key={path} href={`#${path}`} label={t(label)} active={route.startsWith(path)} />
        ))}
        {/* Narrow screens: language and sign-out live in the menu, the header holds only the title. */}
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
