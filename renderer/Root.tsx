import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { useTranslation } from 'react-i18next';
import type { CourtClient } from './api/connect.js';
import { CourtProvider } from './api/CourtContext.js';
import { SessionProvider } from './features/auth/SessionContext.js';
import { AppGate } from './shell/AppGate.js';
import { MissingTokenPage } from './shell/MissingTokenPage.js';

/** CJK faces first so Chinese text never falls back to a Latin font's substitute glyphs. */
const fontFamily =
  "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei', sans-serif";

export function Root({ client }: { client: CourtClient | null }) {
  const { i18n } = useTranslation();
  return (
    <ConfigProvider locale={i18n.language === 'en' ? enUS : zhCN} theme={{ token: { colorPrimary: '#1d4f91', fontFamily } }}>
      <AntApp>
        {client ? (
          <CourtProvider client={client}>
            <SessionProvider>
              <AppGate />
            </SessionProvider>
          </CourtProvider>
        ) : (
          <MissingTokenPage />
        )}
      </AntApp>
    </ConfigProvider>
  );
}
