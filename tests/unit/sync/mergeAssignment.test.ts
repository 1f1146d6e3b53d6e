import { describe, expect, it } from 'vitest';
import { mergeAssignment } from '../../../core/sync/mergeAssignment.js';

const zhang = { role: '原告' as const, name: '张三' };
const li = { role: '被告' as const, name: '李四' };

describe('assignment conflict rule', () => {
  it('takes the server value silently when the workstation never changed the field', () => {
    const base = { title: '借款纠纷', parties: [zhang] };
    const r = mergeAssignment(base, base, { title: '民间借贷纠纷', parties: [zhang, li] });
    expect(r.changes).toEqual({ title: '民间借贷纠纷', parties: [zhang, li] });
    expect(r.conflicts).toEqual([]);
  });

  it('still takes the server value when the workstation edited it, and reports the conflict', () => {
    const r = mergeAssignment({ title: '借款纠纷', parties: [zhang] }, { title: '本机标题', parties: [zhang] }, { title: '民间借贷纠纷', parties: [zhang] });
    expect(r.changes).toEqual({ title: '民间借贷纠纷' });
    expect(r.conflicts).toEqual([{ field: 'title', local: '本机标题', server: '民间借贷纠纷' }]);
  });

  it('is no conflict when the local edit already matches the server', () => {
    const r = mergeAssignment({ title: '旧', parties: [] }, { title: '新', parties: [] }, { title: '新', parties: [] });
    expect(r).toEqual({ changes: {}, conflicts: [] });
  });

  it('treats a case created offline as local values, except empty ones', () => {
    const r = mergeAssignment(null, { title: '', parties: [li] }, { title: '民间借贷纠纷', parties: [zhang, li] });
    expect(r.changes).toEqual({ title: '民间借贷纠纷', parties: [zhang, li] });
    expect(r.conflicts).toEqual([{ field: 'parties', local: [li], server: [zhang, li] }]);
  });
});
