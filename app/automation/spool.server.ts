import { existsSync, fdatasync, openSync } from "node:fs";
import Database from "better-sqlite3";
import { databaseUrl, dialect } from "~/db.server";

/**
 * The door's spool on SQLite: a database file of its own beside the app's
 * (`<database>-spool`), holding webhooks acknowledged but not yet moved into the inbox.
 *
 * SQLite has one writer per file. With the inbox in the app's file, the door's group commit
 * waited for the write lock behind the worker's event transactions, which hold it while a
 * handler runs (26 ms on average for a data request, up to a second on a busy machine) and
 * follow each other back to back: at 100–500 deliveries a second the acknowledgement p99
 * was 0.5–2 s. In a file of its own the door contends only with the other web processes'
 * batches and the mover's delete, both a few milliseconds.
 *
 * Durability: a batch is acknowledged only after its commit is in the spool's write-ahead log
 * and the log is synced to disk (`syncSpool`), so an acknowledged webhook survives a power
 * cut, not only a process crash. SQLite's own synchronous=FULL would sync inside the commit,
 * and better-sqlite3 is synchronous: the web process would stop serving for the length of
 * every fsync (11 ms on average, 200 ms at worst, measured on a busy machine). So the commit
 * runs with synchronous=NORMAL and the log is synced by libuv's thread pool while the process
 * reads the next requests, which join the next batch: one sync per batch. The mover inserts
 * into the inbox with a synced commit, and only then deletes from the spool: a crash between
 * the two moves the same rows again, and the inbox's unique indexes drop them as duplicates.
 * docs/decisions/025-webhook-door.md has the figures.
 */

/** An inbox row as the group commits write it (the WebhookEvent columns the door sets). */
export type InboxRow = {
  id: string;
  shop: string;
  topic: string;
  webhookId: string;
  eventId: string | null;
  apiVersion: string | null;
  triggeredAt: Date | null;
  payload: unknown;
  status: string;
  attempts: number;
  nextAttemptAt: Date;
  lastError: string | null;
  receivedAt: Date;
};

/** A DateTime as Prisma's SQLite adapter stores it: ISO-8601 text with an offset. */
export function sqliteTime(date: Date): string {
  return date.toISOString().replace("Z", "+00:00");
}

/** The spool file of a SQLite DATABASE_URL: the database's path with `-spool` appended, like SQLite's own `-wal`. */
export function spoolPathFor(url: string): string {
  return `${url.replace(/^file:/, "")}-spool`;
}

const COLUMNS = `"id", "shop", "topic", "webhookId", "eventId", "apiVersion", "triggeredAt", "payload", "status", "attempts", "nextAttemptAt", "lastError", "receivedAt"`;

// The spool's own unique keys are the inbox's, so a resend while the first delivery still
// waits in the spool is a duplicate there too; `seq` orders the move and never repeats
// (AUTOINCREMENT), so "delete up to seq n" cannot touch a row the mover did not copy.
function schema(prefix: string): string {
  return `
    CREATE TABLE IF NOT EXISTS ${prefix}"SpooledWebhook" (
      "seq" INTEGER PRIMARY KEY AUTOINCREMENT,
      "id" TEXT NOT NULL, "shop" TEXT NOT NULL, "topic" TEXT NOT NULL, "webhookId" TEXT NOT NULL UNIQUE,
      "eventId" TEXT, "apiVersion" TEXT, "triggeredAt" TEXT, "payload" TEXT NOT NULL, "status" TEXT NOT NULL,
      "attempts" INTEGER NOT NULL, "nextAttemptAt" TEXT NOT NULL, "lastError" TEXT, "receivedAt" TEXT NOT NULL
    );
    CREATE UNIQUE INDEX IF NOT EXISTS ${prefix}"SpooledWebhook_event" ON "SpooledWebhook" ("eventId", "topic", "shop");`;
}

function spoolPath(): string {
  if (dialect !== "sqlite") throw new Error("The webhook spool is for SQLite only; on PostgreSQL the door writes the inbox directly");
  return spoolPathFor(databaseUrl);
}

let writer: { db: Database.Database; insertAll: (rows: InboxRow[]) => Set<string>; wal: string; walFd?: number } | undefined;

/**
 * Inserts a batch into the spool in one immediate transaction, skipping rows whose webhook
 * id or event is already spooled, and returns the webhook ids it inserted. Synchronous and
 * short; throws SQLITE_BUSY at once when another process holds the spool's lock (the caller
 * retries on a timer, so this process keeps serving requests meanwhile).
 */
export function insertIntoSpool(rows: InboxRow[]): Set<string> {
  writer ??= openWriter();
  return writer.insertAll(rows);
}

function openWriter(): NonNullable<typeof writer> {
  const db = new Database(spoolPath());
  // Creating the file and its table may meet another web process doing the same.
  db.pragma("busy_timeout = 5000");
  db.pragma("journal_mode = WAL");
  // Commits are synced by `syncSpool`, off the event loop; checkpoints (which sync too) are the
  // mover's, in a worker process.
  db.pragma("synchronous = NORMAL");
  db.pragma("wal_autocheckpoint = 0");
  db.exec(schema(""));
  db.pragma("busy_timeout = 0");
  const insert = db.prepare(`INSERT INTO "SpooledWebhook" (${COLUMNS}) VALUES (${COLUMNS.split(",").map(() => "?").join(", ")}) ON CONFLICT DO NOTHING`);
  const insertAll = db.transaction((rows: InboxRow[]) => {
    const inserted = new Set<string>();
    for (const row of rows) {
      const result = insert.run(
        row.id,
        row.shop,
        row.topic,
        row.webhookId,
        row.eventId,
        row.apiVersion,
        row.triggeredAt === null ? null : sqliteTime(row.triggeredAt),
        JSON.stringify(row.payload),
        row.status,
        row.attempts,
        sqliteTime(row.nextAttemptAt),
        row.lastError,
        sqliteTime(row.receivedAt),
      );
      if (result.changes === 1) inserted.add(row.webhookId);
    }
    return inserted;
  });
  return { db, insertAll: (rows) => insertAll.immediate(rows), wal: `${spoolPath()}-wal` };
}

/**
 * Syncs the spool's write-ahead log to disk on libuv's thread pool: every commit made before
 * the call is then durable. The log file keeps its inode while any connection is open (a
 * checkpoint rewinds it, it is not replaced), so one descriptor serves for the process's life.
 */
export function syncSpool(): Promise<void> {
  const open = writer;
  if (!open) return Promise.resolve();
  open.walFd ??= openSync(open.wal, "r+");
  const fd = open.walFd;
  return new Promise((resolve, reject) => fdatasync(fd, (error) => (error ? reject(error) : resolve())));
}

let mover: { db: Database.Database; move: (limit: number) => number } | undefined;

/** Rows moved per transaction: the inbox's write lock is held for a few milliseconds. */
const MOVE_BATCH = 500;

/**
 * Moves spooled webhooks into the inbox, oldest first, and returns how many it moved (0 on
 * PostgreSQL, or when no door has spooled anything). Called by the worker before each claim.
 * Each batch is inserted into WebhookEvent in one synced transaction, skipping any row whose
 * webhook id or event is already there (the same unique indexes as `recordWebhook`), and then
 * deleted from the spool. Safe with several workers: a batch two of them copy is stored once.
 */
export function moveSpooledWebhooks({ maxBatches = 20 }: { maxBatches?: number } = {}): number {
  if (dialect !== "sqlite") return 0;
  if (!mover) {
    const path = spoolPath();
    if (!existsSync(path)) return 0;
    mover = openMover(path);
  }
  let moved = 0;
  for (let batch = 0; batch < maxBatches; batch++) {
    const n = mover.move(MOVE_BATCH);
    moved += n;
    if (n < MOVE_BATCH) break;
  }
  return moved;
}

function openMover(path: string): NonNullable<typeof mover> {
  // A connection of its own to the app's database: a worker waits for the write lock here
  // (busy_timeout) without holding up anything but itself.
  const db = new Database(databaseUrl.replace(/^file:/, ""));
  db.pragma("busy_timeout = 5000");
  db.prepare("ATTACH DATABASE ? AS spool").run(path);
  db.exec(schema("spool."));
  // The inbox row must be on disk before its spool row is deleted: both commits are synced.
  db.pragma("main.synchronous = FULL");
  db.pragma("spool.synchronous = FULL");
  const last = db.prepare(`SELECT MAX("seq") AS "last", COUNT(*) AS "n" FROM (SELECT "seq" FROM spool."SpooledWebhook" ORDER BY "seq" LIMIT ?)`);
  // WHERE before ON CONFLICT: SQLite's parser needs it to tell the upsert from a join.
  const copy = db.prepare(
    `INSERT INTO main."WebhookEvent" (${COLUMNS}) SELECT ${COLUMNS} FROM spool."SpooledWebhook" WHERE "seq" <= ? ORDER BY "seq" ON CONFLICT DO NOTHING`,
  );
  const remove = db.prepare(`DELETE FROM spool."SpooledWebhook" WHERE "seq" <= ?`);
  const copyAll = db.transaction((upTo: number) => copy.run(upTo));
  return {
    db,
    move(limit) {
      const bound = last.get(limit);
      if (!isBound(bound) || bound.last === null) return 0;
      copyAll.immediate(bound.last);
      remove.run(bound.last);
      return bound.n;
    },
  };
}

function isBound(value: unknown): value is { last: number | null; n: number } {
  return typeof value === "object" && value !== null && "last" in value && "n" in value;
}
