import { useTranslation } from 'react-i18next';

const KEYS: [keys: string[], what: string][] = [
  [['↑', '↓', 'J', 'K'], 'pages'],
  [['←', '→'], 'documents'],
  [['Enter'], 'accept'],
  [['C'], 'category'],
  [['S'], 'split'],
  [['M'], 'merge'],
  [['N'], 'next'],
  [['Ctrl', 'S'], 'save'],
];

/** The keys, always in view: verifiers learn them from the screen, not from a manual. */
export function KeyLegend() {
  const { t } = useTranslation();
  return (
    <dl className="catdesk-keys" aria-label={t('catalogue.keys.title')}>
      {KEYS.map(([keys, what]) => (
        <div key={what} className="catdesk-key">
          <dt>
            {keys.map((k, i) => (
              <span key={k}>
                {i > 0 && (what === 'save' ? '+' : ' ')}
                <kbd>{k}</kbd>
              </span>
            ))}
          </dt>
          <dd>{t(`catalogue.keys.${what}`)}</dd>
        </div>
      ))}
    </dl>
  );
}
