// Finding and reading page files. Used by the loader on the main thread and by the parse
// workers, so a file is read and decoded the same way wherever it is parsed.
import { createHash } from 'node:crypto';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
function toRel(dir, abs) {
    return path.relative(dir, abs).split(path.sep).join('/');
}
/** Every `*.md` under `dir`, recursively. Skips dotfiles and dot-folders, `node_modules`, and
 *  the content folder's own top-level README.md (it documents the folder, it is not a page). */
export async function listPages(dir) {
    const files = [];
    const warnings = [];
    async function visit(folder, top) {
        let entries;
        try {
            entries = await readdir(folder, { withFileTypes: true });
        }
        catch (err) {
            if (top)
                throw err;
            warnings.push({ path: toRel(dir, folder), reason: `cannot read folder: ${describeError(err)}` });
            return;
        }
        const subfolders = [];
        for (const e of entries) {
            if (e.name.startsWith('.') || e.name === 'node_modules')
                continue;
            const abs = path.join(folder, e.name);
            const isPage = /\.md$/i.test(e.name) && !(top && e.name.toLowerCase() === 'readme.md');
            let kind = e.isFile() ? 'file' : e.isDirectory() ? 'dir' : 'other';
            if (e.isSymbolicLink()) {
                // Follow links to files; do not follow links to folders (they can loop).
                const target = await stat(abs).catch(() => null);
                kind = target?.isFile() ? 'file' : target?.isDirectory() ? 'other' : 'other';
                if (!target && isPage) {
                    warnings.push({ path: toRel(dir, abs), reason: 'broken symbolic link' });
                    continue;
                }
            }
            if (kind === 'dir')
                subfolders.push(visit(abs, false));
            if (!isPage)
                continue;
            if (kind === 'file')
                files.push(toRel(dir, abs));
            else
                warnings.push({ path: toRel(dir, abs), reason: kind === 'dir' ? 'is a folder, not a page file' : 'is not a regular file' });
        }
        await Promise.all(subfolders);
    }
    await visit(dir, true);
    files.sort();
    return { files, warnings };
}
export function describeError(err) {
    const e = err;
    switch (e?.code) {
        case 'EACCES':
        case 'EPERM':
            return 'permission denied';
        case 'ENOENT':
            return 'file disappeared while loading';
        case 'EISDIR':
            return 'is a folder, not a page file';
        default:
            return e instanceof Error ? e.message : String(err);
    }
}
const utf8 = new TextDecoder('utf-8', { fatal: true });
/** The text of a page file's bytes; throws when they are not UTF-8 (a leading BOM is dropped). */
export function decodePage(bytes) {
    try {
        return utf8.decode(bytes);
    }
    catch {
        throw new Error('not valid UTF-8 text (was it saved in another encoding?)');
    }
}
export function sha256(bytes) {
    return createHash('sha256').update(bytes).digest('base64');
}
