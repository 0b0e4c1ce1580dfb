/* store/store.c: the SQLite store: opening, schema migrations, batches
 * and reports. WAL mode, so readers (sift serve) never block the writer;
 * statements are prepared once per open store. */
#include "store.h"

#include <errno.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store_int.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/limits.h"
#include "util/report.h"

/* Each migration takes the schema from version i to i+1; append only. */
static const char *const migrations[] = {
    /* 0 -> 1: reports. Blocks and clutter are packed one per line (their
     * text has no newline once white space is collapsed): one row per
     * report keeps ingest to one insert. */
    "CREATE TABLE report("
    "  rid INTEGER PRIMARY KEY,"
    "  id TEXT NOT NULL UNIQUE,"
    "  source TEXT NOT NULL, format TEXT NOT NULL, url TEXT NOT NULL,"
    "  outlet TEXT NOT NULL, outlet_evidence TEXT NOT NULL,"
    "  title TEXT NOT NULL, subtitle TEXT NOT NULL, byline TEXT NOT NULL,"
    "  credits TEXT NOT NULL, date TEXT NOT NULL, date_src TEXT NOT NULL,"
    "  date_certain INTEGER NOT NULL, date_evidence TEXT NOT NULL, lang TEXT NOT NULL,"
    "  blocks TEXT NOT NULL, clutter TEXT NOT NULL);",
    /* 1 -> 2: full-text search (store_search.c). Contentless FTS5 over the
     * title and the clean body, so the text is not stored twice; the
     * block kinds packed before each tab are stripped so that words such
     * as "paragraph" do not match every report. A trigger keeps it in step
     * with every insert; reports are never updated or deleted. The date
     * index serves the newest-first listings and date ranges, the outlet
     * index the listings of one outlet. */
    "CREATE VIRTUAL TABLE report_fts USING fts5(title, body, content='',"
    "  tokenize='porter unicode61 remove_diacritics 2');"
    "CREATE TRIGGER report_fts_add AFTER INSERT ON report BEGIN"
    "  INSERT INTO report_fts(rowid, title, body) VALUES(new.rid, new.title,"
    "    replace(replace(replace(replace(replace(new.blocks, 'paragraph' || char(9), ' '),"
    "      'heading' || char(9), ' '), 'title' || char(9), ' '), 'quote' || char(9), ' '),"
    "      'list_item' || char(9), ' '));"
    "END;"
    "INSERT INTO report_fts(rowid, title, body) SELECT rid, title,"
    "  replace(replace(replace(replace(replace(blocks, 'paragraph' || char(9), ' '),"
    "    'heading' || char(9), ' '), 'title' || char(9), ' '), 'quote' || char(9), ' '),"
    "    'list_item' || char(9), ' ') FROM report;"
    "CREATE INDEX report_date ON report(date, rid);"
    "CREATE INDEX report_outlet ON report(outlet COLLATE NOCASE, date, rid);",
    /* copies and clusters (issue 3): see store_cluster.c */
    STORE_CLUSTER_MIGRATION,
    /* 3 -> 4: the clustering state a fresh process reloads exactly
     * (docs/internals/clustering.md, "Persistence"): each term's
     * vocabulary index and its candidate index postings. */
    "ALTER TABLE term ADD COLUMN ix INTEGER;"
    "ALTER TABLE term ADD COLUMN ev_post BLOB;"
    "ALTER TABLE term ADD COLUMN st_post BLOB;"
    /* terms of an older store numbered as that sift loaded them: by key */
    "UPDATE term SET ix = o.n FROM (SELECT h, row_number() OVER (ORDER BY h) - 1 AS n FROM term) o"
    "  WHERE term.h = o.h;"
    "CREATE INDEX term_ix ON term(ix);",
    /* 4 -> 5: the full-text index is filled once per batch, at commit
     * (store_commit), not by a trigger per report: FTS5 writes a segment
     * at every statement savepoint, which cost a quarter of `sift add`. */
    "DROP TRIGGER IF EXISTS report_fts_add;",
    /* 5 -> 6: the latest day the texts of an event's undated members
     * name (cluster_add compares a dated text with it); NULL: none */
    "ALTER TABLE event ADD COLUMN text_max INTEGER;",
    /* 6 -> 7: the full-text index merges its segments 16 at a time, not
     * 4: a batch's segment is rewritten fewer times on its way up, which
     * cut FTS5's share of `sift add` by about a fifth (docs/bench/speed-2.md);
     * a query reads a few more segments. Matches and ranks are unchanged. */
    "INSERT INTO report_fts(report_fts, rank) VALUES('automerge', 16);",
    /* 7 -> 8: the day an event's leads report and whether it was read
     * from a text (cluster/cluster.c, lead_factor); NULL: none */
    "ALTER TABLE event ADD COLUMN lead_day INTEGER;"
    "ALTER TABLE event ADD COLUMN lead_cert INTEGER;",
    /* 8 -> 9: the clustering's report count when a cluster last gained a
     * report: those idle too long are retired and a reload reads only the
     * others, through the index (cluster/cluster.c, is_retired); an older
     * store's clusters count as just active */
    "ALTER TABLE event ADD COLUMN last INTEGER;"
    "ALTER TABLE storyline ADD COLUMN last INTEGER;"
    "UPDATE event SET last = coalesce((SELECT v FROM cl_state WHERE k = 'n_docs'), 0);"
    "UPDATE storyline SET last = coalesce((SELECT v FROM cl_state WHERE k = 'n_docs'), 0);"
    "CREATE INDEX event_last ON event(last);"
    "CREATE INDEX storyline_last ON storyline(last);",
};

/* Page size of a new store, and the WAL pages between checkpoints
 * (32 MB of 16 KB pages). */
#define STORE_PAGE_SIZE_STR "16384"
#define STORE_WAL_PAGES_STR "2048"

#define N_MIGRATIONS ((int)(sizeof(migrations) / sizeof(migrations[0])))

const int store_schema_version = N_MIGRATIONS;

/* What a failed SQLite call means to a user, by its primary result code:
 * one clear phrase rather than SQLite's own wording where that is vague. */
static const char *describe(sqlite3 *db, int rc)
{
    switch (rc & 0xff) {
    case SQLITE_READONLY:
        return "store is read-only";
    case SQLITE_FULL:
        return "disk is full";
    case SQLITE_IOERR:
        return sqlite3_system_errno(db) == ENOSPC ? "disk is full" : "I/O error on the store";
    case SQLITE_CORRUPT:
        return "store is corrupt";
    case SQLITE_NOTADB:
        return "not a sift store (not an SQLite database)";
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return "store is locked by another process";
    case SQLITE_NOMEM:
        return "out of memory";
    default:
        return db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    }
}

int store_db_fail(store_t *s, sift_err_t *err, const char *what)
{
    int rc = sqlite3_extended_errcode(s->db);
    return err_set(err, (rc & 0xff) == SQLITE_NOMEM ? SIFT_ENOMEM : SIFT_ESTORE, s->path,
                   SIFT_NOPOS, 0, "%s: %s", what, describe(s->db, rc));
}

int store_exec(store_t *s, const char *sql, sift_err_t *err)
{
    char *msg = NULL;
    int rc = sqlite3_exec(s->db, sql, NULL, NULL, &msg);
    if (rc != SQLITE_OK) {
        /* a phrase of our own for the codes users meet (read-only, full
         * disk, corrupt); SQLite's message otherwise (a schema error) */
        const char *what = describe(s->db, rc);
        int code = (rc & 0xff) == SQLITE_NOMEM ? SIFT_ENOMEM : SIFT_ESTORE;
        err_set(err, code, s->path, SIFT_NOPOS, 0, "%s", what);
        sqlite3_free(msg);
        return code;
    }
    return 0;
}

/* Busy handler: wait for another process's write transaction with short
 * sleeps (a batch commits in well under a second), tell the command once
 * after 2 s so the user knows why sift pauses, give up after
 * STORE_BUSY_WAIT_MS. Never "database is locked" for a mere turn. */
static int on_busy(void *user, int n_tries)
{
    store_t *s = user;
    if (n_tries == 0) {
        s->busy_ms = 0;
    }
    if (s->busy_ms >= STORE_BUSY_WAIT_MS) {
        return 0;
    }
    if (s->busy_ms >= 2000 && !s->is_wait_told && s->wait_fn) {
        s->is_wait_told = 1;
        s->wait_fn(s->wait_user, s->path);
    }
    int ms = n_tries < 5 ? 1 << n_tries : 20;
    sqlite3_sleep(ms);
    s->busy_ms += ms;
    return 1;
}

void store_on_wait(store_t *s, void (*fn)(void *user, const char *path), void *user)
{
    s->wait_fn = fn;
    s->wait_user = user;
}

/* Why a store could not be opened, in the user's terms. */
static int open_fail(store_t *s, int rc, int is_ro, sift_err_t *err)
{
    if ((rc & 0xff) == SQLITE_CANTOPEN) {
        struct stat st;
        if (stat(s->path, &st) != 0 && errno == ENOENT) {
            if (is_ro) {
                return err_set(err, SIFT_ESTORE, s->path, SIFT_NOPOS, 0,
                               "no store here: run 'sift add' first");
            }
        }
        char dir[sizeof(s->path)];
        snprintf(dir, sizeof(dir), "%s", s->path);
        char *slash = strrchr(dir, '/');
        if (slash) {
            *(slash == dir ? slash + 1 : slash) = '\0';
        }
        if (access(slash ? dir : ".", W_OK) != 0 && !is_ro) {
            return err_set(err, SIFT_ESTORE, s->path, SIFT_NOPOS, 0,
                           "store is read-only: cannot write in its folder (%s)", strerror(errno));
        }
        return err_set(err, SIFT_ESTORE, s->path, SIFT_NOPOS, 0, "cannot open store: %s",
                       strerror(sqlite3_system_errno(s->db) ? sqlite3_system_errno(s->db) : EIO));
    }
    return err_set(err, SIFT_ESTORE, s->path, SIFT_NOPOS, 0, "%s", describe(s->db, rc));
}

static int user_version(store_t *s, int *out, sift_err_t *err)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK) {
        return store_db_fail(s, err, "cannot read the store");
    }
    int rc = sqlite3_step(st);
    if (rc != SQLITE_ROW) {
        sqlite3_finalize(st);
        return store_db_fail(s, err, "cannot read the store");
    }
    *out = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return 0;
}

static int migrate(store_t *s, int is_readonly, sift_err_t *err)
{
    int v = 0;
    int rc = user_version(s, &v, err);
    if (rc) {
        return rc;
    }
    if (v > N_MIGRATIONS) {
        return err_set(err, SIFT_ESTORE, s->path, SIFT_NOPOS, 0,
                       "store has schema version %d, newer than this sift's %d: upgrade sift", v,
                       N_MIGRATIONS);
    }
    if (v == N_MIGRATIONS) {
        return 0;
    }
    if (is_readonly && v == 0) {
        /* created but never migrated (a first sift add killed at once):
         * as good as no store */
        return err_set(err, SIFT_ESTORE, s->path, SIFT_NOPOS, 0,
                       "no store here: run 'sift add' first");
    }
    if (is_readonly) {
        return err_set(err, SIFT_ESTORE, s->path, SIFT_NOPOS, 0,
                       "store has schema version %d and needs %d: the next 'sift add' upgrades it",
                       v, N_MIGRATIONS);
    }
    if ((rc = store_exec(s, "BEGIN IMMEDIATE", err))) {
        return rc;
    }
    /* re-read inside the write lock: another process may have migrated */
    if ((rc = user_version(s, &v, err))) {
        store_exec(s, "ROLLBACK", NULL);
        return rc;
    }
    for (; v < N_MIGRATIONS; v++) {
        if ((rc = store_exec(s, migrations[v], err))) {
            store_exec(s, "ROLLBACK", NULL);
            return rc;
        }
        char sql[64];
        snprintf(sql, sizeof(sql), "PRAGMA user_version=%d", v + 1);
        if ((rc = store_exec(s, sql, err))) {
            store_exec(s, "ROLLBACK", NULL);
            return rc;
        }
    }
    return store_exec(s, "COMMIT", err);
}

static void sql_fts_text(sqlite3_context *ctx, int argc, sqlite3_value **argv);

int store_open(store_t **out, const char *path, int flags, sift_err_t *err)
{
    *out = NULL;
    store_t *s = calloc(1, sizeof(*s));
    if (!s) {
        return err_set(err, SIFT_ENOMEM, path, SIFT_NOPOS, 0, "out of memory");
    }
    snprintf(s->path, sizeof(s->path), "%s", path);
    int is_ro = (flags & STORE_READONLY) != 0;
    int oflags = is_ro ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    const char *name = path;
    char uri[3 * sizeof(s->path) + 32];
    if (flags & STORE_IMMUTABLE_TRIED) {
        /* file:PATH?immutable=1, PATH percent-encoded */
        static const char hex[] = "0123456789ABCDEF";
        size_t j = (size_t)snprintf(uri, sizeof(uri), "file:");
        for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
            if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
                strchr("/._-", *p)) {
                uri[j++] = (char)*p;
            } else {
                uri[j++] = '%';
                uri[j++] = hex[*p >> 4];
                uri[j++] = hex[*p & 15];
            }
        }
        snprintf(uri + j, sizeof(uri) - j, "?immutable=1");
        name = uri;
        oflags |= SQLITE_OPEN_URI;
    }
    /* A store_t is used by one thread at a time (store.h): SQLite need
     * not lock the connection around every call, which was a tenth of
     * the instructions of `sift add`'s adding thread (docs/bench/speed-3.md). */
    oflags |= SQLITE_OPEN_NOMUTEX;
    int rc = sqlite3_open_v2(name, &s->db, oflags, NULL);
    if (rc != SQLITE_OK) {
        rc = s->db ? open_fail(s, rc, is_ro, err)
                   : err_set(err, SIFT_ENOMEM, path, SIFT_NOPOS, 0, "out of memory");
        goto fail;
    }
    sqlite3_extended_result_codes(s->db, 1);
    /* SQLite falls back to read-only when the file cannot be written;
     * say so now rather than at the first insert */
    if (!is_ro && sqlite3_db_readonly(s->db, "main") == 1) {
        rc = err_set(err, SIFT_ESTORE, path, SIFT_NOPOS, 0, "store is read-only");
        goto fail;
    }
    /* Wait for another writer instead of failing with "database is
     * locked": concurrent sift add runs take turns per batch. */
    sqlite3_busy_handler(s->db, on_busy, s);
    if (!is_ro) {
        /* the text put_fts indexes: one pass, not five nested replace()
         * calls (a fifth of FTS5's time in `sift add`) */
        if (sqlite3_create_function_v2(s->db, "sift_fts_text", 1,
                                       SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_DIRECTONLY, NULL,
                                       sql_fts_text, NULL, NULL, NULL) != SQLITE_OK) {
            rc = err_set(err, SIFT_ENOMEM, path, SIFT_NOPOS, 0, "out of memory");
            goto fail;
        }
        /* Pages of 16 KB for a new store (before journal_mode=WAL, which
         * writes the first page; an existing store keeps its own size):
         * a 3.7 KB report row fits a page without an overflow chain, and
         * the same bytes reach the WAL and the file in a quarter of the
         * write calls (docs/internals/store-io.md). */
        if ((rc = store_exec(s, "PRAGMA page_size=" STORE_PAGE_SIZE_STR, err)) ||
            (rc = store_exec(s, "PRAGMA journal_mode=WAL", err)) ||
            (rc = store_exec(s, "PRAGMA synchronous=NORMAL", err)) ||
            /* a writer's batch touches more pages than the default 2 MB
             * cache holds (it spilled mid-batch; 16 MB). 32 MB saved a
             * few thousand more reads and writes but no CPU time
             * measurably, for 12 MB more peak memory (docs/bench/io-4.md). */
            (rc = store_exec(s, "PRAGMA cache_size=-16384", err)) ||
            /* statement journals stay SQLite's: in memory up to 64 KB,
             * then a file. All in memory (temp_store=MEMORY) saved a
             * third of the write calls but held the undo of a whole
             * full-text merge, which grows with the store (+97 MB peak at
             * 100k reports): docs/internals/store-io.md */
            /* checkpoint every 32 MB of WAL: a page rewritten by
             * consecutive batches is copied into the file once */
            (rc = store_exec(s, "PRAGMA wal_autocheckpoint=" STORE_WAL_PAGES_STR, err))) {
            goto fail;
        }
    }
    if ((rc = store_exec(s, "PRAGMA foreign_keys=ON", err))) {
        goto fail;
    }
    rc = migrate(s, is_ro, err);
    int code = sqlite3_extended_errcode(s->db) & 0xff;
    if (rc && is_ro && (code == SQLITE_CANTOPEN || code == SQLITE_READONLY) &&
        !(flags & STORE_IMMUTABLE_TRIED)) {
        /* A WAL store on read-only media or in a folder we may not write:
         * its -shm cannot be created. With no -wal file every commit is in
         * the main file, so it can be read as immutable. */
        char wal[sizeof(s->path) + 8];
        snprintf(wal, sizeof(wal), "%s-wal", path);
        if (access(wal, F_OK) != 0) {
            sqlite3_close(s->db);
            free(s);
            return store_open(out, path, flags | STORE_IMMUTABLE_TRIED, err);
        }
    }
    /* Readers (sift serve's workers) read a story's members and reports
     * many times over: a page cache of 32 MB per connection instead of
     * SQLite's 2 MB keeps a store of that size out of pread(). After the
     * schema check, so that a file that is no store is said so first. */
    if (rc == 0 && is_ro) {
        rc = store_exec(s, "PRAGMA cache_size=-32768", err);
    }
    if (rc) {
        goto fail;
    }
    *out = s;
    return 0;
fail:
    sqlite3_close(s->db);
    free(s);
    return rc;
}

void store_close(store_t *s)
{
    if (!s) {
        return;
    }
    if (s->in_batch) {
        store_rollback(s);
    }
    sqlite3_finalize(s->put_report);
    sqlite3_finalize(s->put_fts);
    sqlite3_close(s->db);
    free(s);
}

int store_begin(store_t *s, sift_err_t *err)
{
    int rc = store_exec(s, "BEGIN IMMEDIATE", err);
    if (rc == 0) {
        s->in_batch = 1;
    }
    return rc;
}

size_t store_fts_text(char *out, const char *in, size_t len)
{
    size_t o = 0;
    for (size_t i = 0; i < len; i++) {
        if (in[i] != '\t') {
            out[o++] = in[i];
            continue;
        }
        /* the bytes before a tab hold no tab, so they were copied as they
         * came: a kind ending there is the last bytes written; no kind
         * ends another, so at most one matches */
        int k = SIFT_BLOCK_TITLE;
        size_t n = 0;
        for (; k <= SIFT_BLOCK_LIST_ITEM; k++) {
            const char *kn = sift_block_kind_name((sift_block_kind_t)k);
            n = strlen(kn);
            if (i >= n && memcmp(in + i - n, kn, n) == 0) {
                break;
            }
        }
        if (k <= SIFT_BLOCK_LIST_ITEM) {
            o -= n;
            out[o++] = ' ';
        } else {
            out[o++] = '\t';
        }
    }
    return o;
}

/* SQL sift_fts_text(blocks): store_fts_text as an SQL function. */
static void sql_fts_text(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    if (sqlite3_value_type(argv[0]) == SQLITE_NULL) {
        sqlite3_result_null(ctx);
        return;
    }
    const char *in = (const char *)sqlite3_value_text(argv[0]);
    int len = sqlite3_value_bytes(argv[0]);
    char *out = sqlite3_malloc(len + 1);
    if (!in || !out) {
        sqlite3_free(out);
        sqlite3_result_error_nomem(ctx);
        return;
    }
    size_t n = store_fts_text(out, in, (size_t)len);
    sqlite3_result_text(ctx, out, (int)n, sqlite3_free);
}

/* Index the reports stored since s->fts_from for full-text search, in
 * one statement: FTS5 then writes one set of segments for the batch. The
 * block kinds packed before each tab are stripped so that words such as
 * "paragraph" do not match every report. */
static int put_fts(store_t *s, sift_err_t *err)
{
    if (!s->fts_from) {
        return 0;
    }
    int rc = store_prepare(
        s, &s->put_fts,
        "INSERT INTO report_fts(rowid, title, body) SELECT rid, title, sift_fts_text(blocks)"
        "  FROM report WHERE rid >= ? ORDER BY rid",
        err);
    if (rc) {
        return rc;
    }
    sqlite3_bind_int64(s->put_fts, 1, s->fts_from);
    if (sqlite3_step(s->put_fts) != SQLITE_DONE) {
        rc = store_db_fail(s, err, "cannot index reports for search");
    }
    sqlite3_reset(s->put_fts);
    if (rc == 0) {
        s->fts_from = 0;
    }
    return rc;
}

int store_commit(store_t *s, sift_err_t *err)
{
    int rc = put_fts(s, err);
    if (rc) {
        return rc;
    }
    rc = store_exec(s, "COMMIT", err);
    if (rc == 0) {
        s->in_batch = 0;
    }
    return rc;
}

int store_rollback(store_t *s)
{
    s->in_batch = 0;
    s->fts_from = 0;
    return store_exec(s, "ROLLBACK", NULL);
}

int store_prepare(store_t *s, sqlite3_stmt **st, const char *sql, sift_err_t *err)
{
    if (*st) {
        sqlite3_reset(*st);
        sqlite3_clear_bindings(*st);
        return 0;
    }
    if (sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, st, NULL) != SQLITE_OK) {
        return store_db_fail(s, err, "cannot prepare statement");
    }
    return 0;
}

static int pack_blocks(buf_t *b, const sift_report_t *r)
{
    int rc = 0;
    for (size_t i = 0; i < r->n_blocks && rc == 0; i++) {
        rc = buf_puts(b, sift_block_kind_name(r->blocks[i].kind));
        rc = rc ? rc : buf_putc(b, '\t');
        rc = rc ? rc : buf_append(b, r->blocks[i].text, r->blocks[i].len);
        rc = rc ? rc : buf_putc(b, '\n');
    }
    return rc;
}

static int pack_clutter(buf_t *b, const sift_report_t *r)
{
    int rc = 0;
    for (size_t i = 0; i < r->n_clutter && rc == 0; i++) {
        rc = buf_puts(b, r->clutter[i].reason);
        rc = rc ? rc : buf_putc(b, '\t');
        rc = rc ? rc : buf_append(b, r->clutter[i].text, r->clutter[i].len);
        rc = rc ? rc : buf_putc(b, '\n');
    }
    return rc;
}

static void bind_text(sqlite3_stmt *st, int i, const char *s)
{
    sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
}

int store_put_report(store_t *s, const sift_report_t *r, int *out_is_new, sift_err_t *err)
{
    int rc = store_prepare(s, &s->put_report,
                           "INSERT OR IGNORE INTO report(id, source, format, url, outlet, "
                           "outlet_evidence, title, subtitle, byline, credits, date, date_src, "
                           "date_certain, date_evidence, lang, blocks, clutter) "
                           "VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                           err);
    if (rc) {
        return rc;
    }
    buf_t blocks, clutter;
    buf_init(&blocks, (size_t)SIFT_MAX_REPORT_BYTES * 2);
    buf_init(&clutter, (size_t)SIFT_MAX_REPORT_BYTES * 2);
    if (pack_blocks(&blocks, r) || pack_clutter(&clutter, r)) {
        rc = err_set(err, SIFT_ENOMEM, r->source, SIFT_NOPOS, 0, "out of memory");
        goto out;
    }
    sqlite3_stmt *st = s->put_report;
    bind_text(st, 1, r->id);
    bind_text(st, 2, r->source);
    bind_text(st, 3, sift_format_name(r->format));
    bind_text(st, 4, r->url);
    bind_text(st, 5, r->outlet);
    bind_text(st, 6, r->outlet_evidence);
    bind_text(st, 7, r->title);
    bind_text(st, 8, r->subtitle);
    bind_text(st, 9, r->byline);
    bind_text(st, 10, r->credits);
    bind_text(st, 11, r->date);
    bind_text(st, 12, sift_date_src_name(r->date_src));
    sqlite3_bind_int(st, 13, r->is_date_certain ? 1 : 0);
    bind_text(st, 14, r->date_evidence);
    bind_text(st, 15, r->lang);
    sqlite3_bind_text(st, 16, blocks.ptr ? blocks.ptr : "", (int)blocks.len, SQLITE_STATIC);
    sqlite3_bind_text(st, 17, clutter.ptr ? clutter.ptr : "", (int)clutter.len, SQLITE_STATIC);
    if (sqlite3_step(st) != SQLITE_DONE) {
        rc = store_db_fail(s, err, "cannot store report");
        goto out;
    }
    int is_new = sqlite3_changes(s->db) > 0;
    if (out_is_new) {
        *out_is_new = is_new;
    }
    if (is_new && !s->fts_from) {
        s->fts_from = sqlite3_last_insert_rowid(s->db);
    }
    if (is_new && !s->in_batch) {
        rc = put_fts(s, err); /* no batch: index it now */
    }
out:
    sqlite3_reset(s->put_report);
    buf_release(&blocks);
    buf_release(&clutter);
    return rc;
}

static const char *col(sqlite3_stmt *st, int i)
{
    const unsigned char *t = sqlite3_column_text(st, i);
    return t ? (const char *)t : "";
}

static sift_format_t format_from_name(const char *name)
{
    for (int f = SIFT_FMT_TEXT; f <= SIFT_FMT_WARC; f++) {
        if (strcmp(name, sift_format_name((sift_format_t)f)) == 0) {
            return (sift_format_t)f;
        }
    }
    return SIFT_FMT_UNKNOWN;
}

static sift_date_src_t date_src_from_name(const char *name)
{
    for (int d = SIFT_DATE_NONE; d <= SIFT_DATE_TEXT; d++) {
        if (strcmp(name, sift_date_src_name((sift_date_src_t)d)) == 0) {
            return (sift_date_src_t)d;
        }
    }
    return SIFT_DATE_NONE;
}

static sift_block_kind_t kind_from_name(const char *name, size_t len)
{
    for (int k = SIFT_BLOCK_TITLE; k <= SIFT_BLOCK_LIST_ITEM; k++) {
        const char *kn = sift_block_kind_name((sift_block_kind_t)k);
        if (strlen(kn) == len && memcmp(kn, name, len) == 0) {
            return (sift_block_kind_t)k;
        }
    }
    return SIFT_BLOCK_PARAGRAPH;
}

static const char *static_reason(sift_report_t *r, const char *name, size_t len)
{
    char *p = arena_strndup(report_arena(r), name, len);
    return p ? p : "clutter";
}

/* Rebuild a report from a row: columns in the order of REPORT_COLS. */
#define REPORT_COLS                                                                                \
    "id, source, format, url, outlet, outlet_evidence, title, subtitle, byline, credits, date, "   \
    "date_src, date_certain, date_evidence, lang"

static int row_to_report(sqlite3_stmt *st, int with_body, sift_report_t **out)
{
    sift_report_t *r = sift_report_new(col(st, 1), format_from_name(col(st, 2)));
    if (!r) {
        return SIFT_ENOMEM;
    }
    snprintf(r->id, sizeof(r->id), "%s", col(st, 0));
    int rc = 0;
    rc |= report_set_str(r, &r->url, col(st, 3));
    rc |= report_set_str(r, &r->outlet, col(st, 4));
    rc |= report_set_str(r, &r->outlet_evidence, col(st, 5));
    rc |= report_set_str(r, &r->title, col(st, 6));
    rc |= report_set_str(r, &r->subtitle, col(st, 7));
    rc |= report_set_str(r, &r->byline, col(st, 8));
    rc |= report_set_str(r, &r->credits, col(st, 9));
    rc |= report_set_str(r, &r->date, col(st, 10));
    r->date_src = date_src_from_name(col(st, 11));
    r->is_date_certain = sqlite3_column_int(st, 12);
    rc |= report_set_str(r, &r->date_evidence, col(st, 13));
    rc |= report_set_str(r, &r->lang, col(st, 14));
    if (with_body) {
        const char *p = col(st, 15);
        while (*p && rc == 0) {
            const char *tab = strchr(p, '\t');
            const char *nl = strchr(p, '\n');
            if (!tab || !nl || tab > nl) {
                break;
            }
            rc = report_add_block(r, kind_from_name(p, (size_t)(tab - p)), tab + 1,
                                  (size_t)(nl - tab - 1));
            p = nl + 1;
        }
        p = col(st, 16);
        while (*p && rc == 0) {
            const char *tab = strchr(p, '\t');
            const char *nl = strchr(p, '\n');
            if (!tab || !nl || tab > nl) {
                break;
            }
            rc = report_add_clutter(r, static_reason(r, p, (size_t)(tab - p)), tab + 1,
                                    (size_t)(nl - tab - 1));
            p = nl + 1;
        }
    }
    if (rc) {
        sift_report_free(r);
        return SIFT_ENOMEM;
    }
    *out = r;
    return 0;
}

int store_get_report(store_t *s, const char *id, sift_report_t **out, sift_err_t *err)
{
    *out = NULL;
    size_t n = strlen(id);
    if (n < 4 || n > 16 || strspn(id, "0123456789abcdef") != n) {
        return err_set(err, SIFT_EUSAGE, NULL, SIFT_NOPOS, 0,
                       "bad report id '%.40s': expected 4 to 16 hex digits", id);
    }
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db,
                           "SELECT " REPORT_COLS ", blocks, clutter FROM report "
                           "WHERE id >= ?1 AND id < ?1 || 'g' ORDER BY id LIMIT 2",
                           -1, &st, NULL) != SQLITE_OK) {
        return store_db_fail(s, err, "cannot prepare statement");
    }
    bind_text(st, 1, id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_DONE) {
        sqlite3_finalize(st);
        return err_set(err, SIFT_ENOTFOUND, NULL, SIFT_NOPOS, 0, "no report '%s'", id);
    }
    if (rc != SQLITE_ROW) {
        sqlite3_finalize(st);
        return store_db_fail(s, err, "cannot read report");
    }
    rc = row_to_report(st, 1, out);
    if (rc == 0 && sqlite3_step(st) == SQLITE_ROW) {
        sift_report_free(*out);
        *out = NULL;
        rc = err_set(err, SIFT_EUSAGE, NULL, SIFT_NOPOS, 0,
                     "report id '%s' is ambiguous: give more digits", id);
    } else if (rc) {
        rc = err_set(err, rc, NULL, SIFT_NOPOS, 0, "out of memory");
    }
    sqlite3_finalize(st);
    return rc;
}

int store_each_report(store_t *s, int (*fn)(void *user, const sift_report_t *r), void *user,
                      sift_err_t *err)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, "SELECT " REPORT_COLS " FROM report ORDER BY rid", -1, &st,
                           NULL) != SQLITE_OK) {
        return store_db_fail(s, err, "cannot prepare statement");
    }
    int rc = 0, step;
    while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW) {
        sift_report_t *r;
        if (row_to_report(st, 0, &r)) {
            rc = err_oom(err);
            break;
        }
        rc = fn(user, r);
        sift_report_free(r);
    }
    if (rc == 0 && step != SQLITE_DONE) {
        rc = store_db_fail(s, err, "cannot list reports");
    }
    sqlite3_finalize(st);
    return rc;
}

int store_count_reports(store_t *s, int64_t *out, sift_err_t *err)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, "SELECT count(*) FROM report", -1, &st, NULL) != SQLITE_OK) {
        return store_db_fail(s, err, "cannot prepare statement");
    }
    int rc = 0;
    if (sqlite3_step(st) == SQLITE_ROW) {
        *out = sqlite3_column_int64(st, 0);
    } else {
        rc = store_db_fail(s, err, "cannot count reports");
    }
    sqlite3_finalize(st);
    return rc;
}

int store_row_report(sqlite3_stmt *st, int with_body, sift_report_t **out)
{
    return row_to_report(st, with_body, out);
}
