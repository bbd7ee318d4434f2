import { describe, expect, it } from 'vitest';
import { answeredUpdatedAt, objectRenameConflict, undoNamespaceCreate } from '../../../src/domain/compat/metadef-writes.js';
import { DomainError } from '../../../src/domain/errors.js';
import { recorded, recordedExplanation } from '../__test-helpers__/recorded.js';

/** Whether `undoNamespaceCreate` undid the namespace after `failure`. */
function undone(failure: DomainError): boolean {
  let called = false;
  undoNamespaceCreate(failure, () => {
    called = true;
  });
  return called;
}

describe('writes to the catalog (ledger #57, #58)', () => {
  it('quirk #57: a refusal, a missing thing or a conflict after the namespace was made undoes it', () => {
    // Fixture metadef-quirks, steps 0-1: two objects of one name answer 409 and the namespace is gone (404).
    expect(recorded('metadef-quirks', 0).status).toBe(409);
    expect(recorded('metadef-quirks', 1).status).toBe(404);
    expect(undone(new DomainError('Duplicate', 'x'))).toBe(true);
    expect(undone(new DomainError('Forbidden', 'x'))).toBe(true);
    expect(undone(new DomainError('NotFound', 'x'))).toBe(true);
  });

  it('quirk #57: any other failure leaves the namespace and what was made in it', () => {
    expect(undone(new DomainError('HTTPInternalServerError', ''))).toBe(false);
    expect(undone(new DomainError('HTTPBadRequest', 'x'))).toBe(false);
  });

  it('quirk #57: an undo that fails (a protected namespace) is swallowed and the namespace stays', () => {
    // Fixture metadef-quirks, steps 2-3: the same conflict in a protected namespace, which is still there with its first object.
    expect(recorded('metadef-quirks', 2).status).toBe(409);
    expect(recorded('metadef-quirks', 3)).toMatchObject({ status: 200, json: { namespace: 'OS::Q::Prot', objects: [{ name: 'o' }] } });
    expect(() => undoNamespaceCreate(new DomainError('Duplicate', 'x'), () => {
      throw new DomainError('Forbidden', 'Metadata definition namespace OS::Q::Prot is protected and cannot be deleted.');
    })).not.toThrow();
  });

  it('quirk #58: an update answers the updated_at read before the save', () => {
    // Example 308: the PUT of step 16 answers the namespace's updated_at of step 1; the listing of step 17 shows the save's.
    const before = new Date(Date.UTC(2018, 1, 28, 0, 0, 1));
    expect(answeredUpdatedAt({ updated_at: before })).toBe(before);
    expect((recorded(308, 16).json as { updated_at: string }).updated_at).toBe('2018-02-28T00:00:01Z');
    const listed = (recorded(308, 17).json as { namespaces: Array<{ namespace: string; updated_at: string }> }).namespaces;
    expect(listed.find((n) => n.namespace === 'OS::Peel::Priv')?.updated_at).toBe('2018-02-28T00:00:16Z');
  });

  it('quirk #58: an object renamed onto an existing name is refused naming its stored name', () => {
    // Example 311 step 8: Processor renamed to RAM, which exists.
    expect(objectRenameConflict('Processor', 'OS::Peel::Obj')).toMatchObject({ status: 409, message: recordedExplanation(311, 8) });
  });
});
