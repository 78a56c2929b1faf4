// The parse cache: one file per content folder holding every page's parse result, keyed by
// the page's path and the sha256 of its bytes. A restart with unchanged pages parses nothing.
//
// One file rather than one per page: reading a single 5 MB file and deserializing it with
// v8 takes ~15 ms, while opening thousands of small files costs more than parsing some of
// them. The file starts with a header (format, parser key, payload length and sha256), so a
// truncated, corrupt or stale file is recognised and ignored, never trusted. It is written to
// a temporary file and renamed over the old one, so a crash mid-write leaves the old cache.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import v8 from 'node:v8';
const MAGIC = Buffer.from('CPCACHE\n', 'latin1');
const FORMAT = 1;
export class ParseCache {
    file;
    key;
    status;
    entries;
    dirty = false;
    constructor(file, key, entries, status) {
        this.file = file;
        this.key = key;
        this.status = status;
        this.entries = entries;
    }
    /** The cache file for a content folder, inside `cacheDir`. */
    static fileFor(cacheDir, contentDir) {
        const id = createHash('sha256').update(path.resolve(contentDir)).digest('hex').slice(0, 16);
        return path.join(cacheDir, `content-${id}.cache`);
    }
    /** Opens the cache; a missing, unreadable, corrupt or stale file gives an empty cache.
     *  `key` names everything besides a page's bytes that changes its parse (parser version,
     *  options); a cache written under another key is stale. */
    static async open(file, key) {
        const fullKey = `${key};v8=${process.versions.v8}`;
        let buf;
        try {
            buf = await readFile(file);
        }
        catch {
            return new ParseCache(file, fullKey, new Map(), 'missing');
        }
        const decoded = decode(buf, fullKey);
        if (decoded === 'stale' || decoded === 'corrupt')
            return new ParseCache(file, fullKey, new Map(), decoded);
        return new ParseCache(file, fullKey, decoded, 'loaded');
    }
    get size() {
        return this.entries.size;
    }
    /** The entry for `relPath` if it was made from bytes with this hash. */
    get(relPath, sha) {
        const e = this.entries.get(relPath);
        return e && e.sha === sha ? e : undefined;
    }
    set(relPath, entry) {
        this.entries.set(relPath, entry);
        this.dirty = true;
    }
    /** Forgets files that are gone, so the cache does not grow with deleted pages. */
    retainOnly(paths) {
        const keep = new Set(paths);
        for (const p of this.entries.keys()) {
            if (!keep.has(p)) {
                this.entries.delete(p);
                this.dirty = true;
            }
        }
    }
    /** Writes the cache if anything changed (or the file on disk was unusable). Failures are
     *  swallowed: the cache only saves time, it must never stop the bot from starting. */
    async save() {
        if (!this.dirty && this.status === 'loaded')
            return false;
        const rows = [];
        for (const [p, e] of this.entries)
            rows.push([p, e.sha, e.page, e.error ?? null]);
        const payload = v8.serialize(rows);
        const header = {
            format: FORMAT,
            key: this.key,
            bytes: payload.length,
            sha256: createHash('sha256').update(payload).digest('hex'),
            entries: rows.length,
        };
        const headerBuf = Buffer.from(JSON.stringify(header), 'utf8');
        const len = Buffer.alloc(4);
        len.writeUInt32BE(headerBuf.length);
        const tmp = `${this.file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
        try {
            await mkdir(path.dirname(this.file), { recursive: true });
            await writeFile(tmp, Buffer.concat([MAGIC, len, headerBuf, payload]));
            await rename(tmp, this.file);
            this.dirty = false;
            return true;
        }
        catch {
            await rm(tmp, { force: true }).catch(() => undefined);
            return false;
        }
    }
}
function decode(buf, key) {
    try {
        if (buf.length < MAGIC.length + 4 || !buf.subarray(0, MAGIC.length).equals(MAGIC))
            return 'corrupt';
        const headerLen = buf.readUInt32BE(MAGIC.length);
        const headerStart = MAGIC.length + 4;
        if (headerLen > 64 * 1024 || headerStart + headerLen > buf.length)
            return 'corrupt';
        const header = JSON.parse(buf.subarray(headerStart, headerStart + headerLen).toString('utf8'));
        if (header.format !== FORMAT || header.key !== key)
            return 'stale';
        const payload = buf.subarray(headerStart + headerLen);
        if (payload.length !== header.bytes)
            return 'corrupt';
        if (createHash('sha256').update(payload).digest('hex') !== header.sha256)
            return 'corrupt';
        const rows = v8.deserialize(payload);
        if (!Array.isArray(rows) || rows.length !== header.entries)
            return 'corrupt';
        const entries = new Map();
        for (const row of rows) {
            if (!Array.isArray(row) || typeof row[0] !== 'string' || typeof row[1] !== 'string')
                return 'corrupt';
            const entry = { sha: row[1], page: row[2] ?? null };
            if (row[3])
                entry.error = row[3];
            entries.set(row[0], entry);
        }
        return entries;
    }
    catch {
        return 'corrupt';
    }
}
