// The same private SANE configuration that scripts/sane-test-config.ts offers for trying things by hand.
export { saneTestConfig } from '../../scripts/sane-test-config.js';
