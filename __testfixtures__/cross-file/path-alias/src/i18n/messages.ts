export type MessageKey = 'member.exists' | 'member.notFound' | 'project.locked';
type Locale = 'en' | 'de';

const MESSAGES: Record<Locale, Record<MessageKey, string>> = {
  en: {
    'member.exists': 'This person is already a member of the project.',
    'member.notFound': 'This person is not a member of the project.',
    'project.locked': 'The project is archived and cannot be changed.',
  },
  de: {
    'member.exists': 'Diese Person ist bereits Mitglied des Projekts.',
    'member.notFound': 'Diese Person ist kein Mitglied des Projekts.',
    'project.locked': 'Das Projekt ist archiviert und kann nicht geändert werden.',
  },
};

// Same name as lib/errors#getErrorMessage, different job: a translated sentence for a key.
export function getErrorMessage(key: MessageKey, locale: string = 'en'): string {
  const table = MESSAGES[locale as Locale] ?? MESSAGES.en;
  return table[key];
}
