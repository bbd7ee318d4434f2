// Unit tests of src/legacy/exception.ts (no Glance test file: Glance's
// test_exception.py covers only the format behaviour checked here).
import { describe, expect, it } from 'vitest';
import * as exc from '../../src/legacy/exception.js';
import { pyStr } from '../../src/lib/python.js';

describe('GlanceException formatting', () => {
  it('uses the class template, formatted with the keyword arguments', () => {
    const e = new exc.Forbidden(null, { action: 'get_image' });
    expect(e.message).toBe('You are not authorized to complete get_image action.');
    expect(e.msg).toBe(e.message);
    expect(pyStr(e)).toBe(e.message);
  });

  it('an empty message falls back to the template; without kwargs it stays unformatted', () => {
    expect(new exc.NotFound().message).toBe('An object with the specified identifier was not found.');
    expect(new exc.NotFound('').message).toBe('An object with the specified identifier was not found.');
    expect(new exc.ImageNotFound().message).toBe('Image with the given id %(image_id)s was not found');
  });

  it('a given message is formatted with the kwargs too', () => {
    expect(new exc.Invalid('bad %(what)s', { what: 'thing' }).message).toBe('bad thing');
    expect(new exc.Invalid('100% literal').message).toBe('100% literal');
  });

  it('a format failure keeps the raw template (quirk: _FATAL_EXCEPTION_FORMAT_ERRORS is off)', () => {
    expect(new exc.ImageNotFound(null, { id: 'x' }).message).toBe('Image with the given id %(image_id)s was not found');
    expect(new exc.Forbidden('%(a)s and %(b)s', { a: 1 }).message).toBe('%(a)s and %(b)s');
  });

  it('a non-string message prints as str(message)', () => {
    const inner = new exc.NotFound('inner text');
    expect(new exc.Invalid(inner).message).toBe('inner text');
    expect(new exc.Invalid(42).message).toBe('42');
  });

  it('a mapping formats a positional %s template as its repr, as Python does', () => {
    expect(new exc.UploadException(null, { a: 1 }).message).toBe("Image upload problem: {'a': 1}");
  });

  it('keeps the Python class names', () => {
    expect(new exc.ReadonlyProperty(null, { property: 'size' }).pyName).toBe('ReadonlyProperty');
    expect(new exc.TaskNotFound().pyName).toBe('TaskNotFound');
  });
});

describe('exception hierarchy', () => {
  it('follows single inheritance', () => {
    const e = new exc.ImageMemberLimitExceeded(null, { attempted: 3, maximum: 2 });
    expect(e).toBeInstanceOf(exc.LimitExceeded);
    expect(e).toBeInstanceOf(exc.GlanceException);
    expect(e).toBeInstanceOf(Error);
    expect(e).not.toBeInstanceOf(exc.Forbidden);
    expect(e.message).toBe(
      'The limit has been exceeded on the number of allowed image members for this image. Attempted: 3, Maximum: 2');
  });

  it('follows multiple inheritance: TaskNotFound is a TaskException and a NotFound', () => {
    const e = new exc.TaskNotFound(null, { task_id: 't1' });
    expect(e).toBeInstanceOf(exc.TaskException);
    expect(e).toBeInstanceOf(exc.NotFound);
    expect(e).not.toBeInstanceOf(exc.Invalid);
    expect(new exc.InvalidTaskStatusTransition()).toBeInstanceOf(exc.Invalid);
    expect(new exc.NotFound()).not.toBeInstanceOf(exc.TaskNotFound);
  });

  it('ReadonlyProperty and ReservedProperty are Forbidden', () => {
    expect(new exc.ReadonlyProperty()).toBeInstanceOf(exc.Forbidden);
    expect(new exc.ReservedProperty(null, { property: 'owner' }).message).toBe("Attribute 'owner' is reserved.");
  });

  it('non-exceptions are instances of nothing', () => {
    expect((null as unknown as object) instanceof exc.GlanceException).toBe(false);
    expect(({}) instanceof exc.NotFound).toBe(false);
    expect(new Error('x') instanceof exc.GlanceException).toBe(false);
  });
});

describe('retry_after', () => {
  it('is int(retry) when retry is given, else None', () => {
    expect(new exc.LimitExceeded(null, { retry: '5', body: 'b' }).retry_after).toBe(5);
    expect(new exc.ServiceUnavailable(null, { retry: 7 }).retry_after).toBe(7);
    expect(new exc.LimitExceeded().retry_after).toBeNull();
    expect(() => new exc.LimitExceeded(null, { retry: 'soon' })).toThrowError('invalid literal for int()');
  });
});

describe('RedirectException', () => {
  it('parses its url like urlparse', () => {
    const e = new exc.RedirectException('HTTP://host:8080/a/b;p?q=1#frag');
    expect(e.url).toEqual({ scheme: 'http', netloc: 'host:8080', path: '/a/b', params: 'p', query: 'q=1', fragment: 'frag' });
  });
});
