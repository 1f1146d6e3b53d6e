import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connectCourt } from './api/connect.js';
import { initI18n } from './i18n/i18n.js';
import { Root } from './Root.js';
import './styles.css';

initI18n();
const client = connectCourt();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Root client={client} />
  </StrictMode>,
);
