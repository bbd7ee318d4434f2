// Port of glance/tests/unit/v2/test_discovery_image_import.py (both cases
// ported). `self.config(enable_image_import=...)` becomes the settings the
// controller is built with; `get_fake_request()` a blank Glance request.
import { describe, expect, it } from 'vitest';
import { InfoController } from '../../../src/legacy/api/v2/discovery.js';
import { Request } from '../../../src/legacy/common/wsgi.js';
import { HTTPNotFound } from '../../../src/legacy/webob.js';
import { settingsFrom } from '../../../src/shared/settings.js';

describe('TestInfoControllers', () => {
  it('test_get_import_info_when_import_not_enabled: 404 when import is switched off, as in v2.5', () => {
    const controller = new InfoController(settingsFrom({}, { enable_image_import: false }));
    const req = Request.blank('/');
    expect(() => controller.get_image_import(req)).toThrow(HTTPNotFound);
  });

  it('test_get_import_info: the import methods are listed when import is on', () => {
    const import_methods = ['glance-direct', 'web-download'];
    const controller = new InfoController(settingsFrom({}, { enable_image_import: true }));
    const output = controller.get_image_import(Request.blank('/'));
    expect(output.has('import-methods')).toBe(true);
    expect((output.get('import-methods') as Map<string, unknown>).get('value')).toEqual(import_methods);
  });
});

describe('InfoController in front of a client (peel)', () => {
  it('names the switched-off import in the 404 explanation', () => {
    const controller = new InfoController(settingsFrom({}, { enable_image_import: false }));
    expect(() => controller.get_image_import(Request.blank('/'))).toThrow('Image import is not supported at this site.');
  });

  it('refuses keyword arguments its Python signature does not take, as a TypeError', () => {
    const controller = new InfoController(settingsFrom({}, {}));
    expect(() => controller.get_image_import(Request.blank('/'), { body: {} })).toThrow("get_image_import() got an unexpected keyword argument 'body'");
  });
});
