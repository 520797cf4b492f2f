import path from 'node:path';
import { expect, test } from 'vitest';
import { renderTemplateSources } from '../../src/init/embed';

const TEMPLATES = path.join(__dirname, '..', '..', 'src', 'init', 'templates');

// `init` reads the templates from src/init/template-sources.ts (the published package has no src/).
// After changing a template: `npx vitest run __tests__/init -u`.
test('src/init/template-sources.ts holds the current templates', async () => {
  await expect(renderTemplateSources(TEMPLATES)).toMatchFileSnapshot('../../src/init/template-sources.ts');
});
