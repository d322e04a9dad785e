import { SegmentedControl } from '@mantine/core';
import { useI18n, type Language } from './i18n';

export function LanguageSwitch() {
  const { language, setLanguage, t } = useI18n();
  return (
    <SegmentedControl
      size="xs"
      aria-label={t('language')}
      value={language}
      onChange={(value) => setLanguage(value as Language)}
      data={[
        { value: 'nl', label: 'Nederlands' },
        { value: 'en', label: 'English' },
      ]}
    />
  );
}
