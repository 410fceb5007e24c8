import { describe, expect, it } from 'vitest';
import { byFolder, createFolderLoader, loadAllOrReport } from '../../../src/app/bundled-files';
import { FormatError } from '../../../src/domain/problem';

const parseNamed = (json: unknown, file: string): { id: string } => {
  if (typeof json !== 'object' || json === null || typeof (json as { id?: unknown }).id !== 'string') {
    throw new FormatError([{ file, path: '$.id', message: 'missing id' }]);
  }
  return { id: (json as { id: string }).id };
};

describe('bundled files', () => {
  it('keys files by their folder and shows repository paths', () => {
    const files = byFolder({ '../../scenarios/a/scenario.json': async () => ({}), '../../scenarios/b/scenario.json': async () => ({}) });
    expect([...files.keys()]).toEqual(['a', 'b']);
    expect(files.get('a')?.file).toBe('scenarios/a/scenario.json');
  });

  it('loads each folder once, refuses an id that is not its folder, and forgets failures so a retry fetches again', async () => {
    let fetches = 0;
    let fail = true;
    const files = byFolder({
      '../../x/good/f.json': async () => {
        fetches += 1;
        return { id: 'good' };
      },
      '../../x/renamed/f.json': async () => ({ id: 'other' }),
      '../../x/flaky/f.json': async () => {
        if (fail) throw new Error('network');
        return { id: 'flaky' };
      },
    });
    const load = createFolderLoader(files, parseNamed, (id) => `no "${id}"`);
    expect(await load('good')).toEqual({ id: 'good' });
    await load('good');
    expect(fetches).toBe(1);
    await expect(load('renamed')).rejects.toMatchObject({ problems: [{ file: 'x/renamed/f.json', path: '$.id', message: expect.stringMatching(/does not match its folder "renamed"/) }] });
    await expect(load('nowhere')).rejects.toThrow('no "nowhere"');
    await expect(load('flaky')).rejects.toThrow('network');
    fail = false;
    expect(await load('flaky')).toEqual({ id: 'flaky' });
  });

  it('summarises every item that parses and reports the rest, without one hiding the others', async () => {
    const files = byFolder({ '../../x/a/f.json': async () => ({ id: 'a' }), '../../x/b/f.json': async () => ({ name: 'no id' }) });
    const load = createFolderLoader(files, parseNamed, (id) => id);
    const { items, problems } = await loadAllOrReport(files.keys(), load, (item) => item.id.toUpperCase());
    expect(items).toEqual(['A']);
    expect(problems).toEqual([{ file: 'x/b/f.json', path: '$.id', message: 'missing id' }]);
  });
});
