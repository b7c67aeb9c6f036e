-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Ticket" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "subject" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "priority" TEXT NOT NULL DEFAULT 'normal',
    "status" TEXT NOT NULL DEFAULT 'open',
    "assignee" TEXT,
    "orderId" TEXT,
    "orderName" TEXT,
    "returnCaseId" TEXT,
    "customerId" TEXT,
    "customerEmail" TEXT,
    "customerName" TEXT,
    "slaDueAt" DATETIME,
    "firstResponseAt" DATETIME,
    "resolvedAt" DATETIME,
    "closedAt" DATETIME,
    "csatScore" INTEGER,
    "csatComment" TEXT,
    "reopenCount" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Ticket_returnCaseId_fkey" FOREIGN KEY ("returnCaseId") REFERENCES "ReturnCase" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Ticket" ("assignee", "category", "channel", "closedAt", "createdAt", "csatComment", "csatScore", "customerEmail", "customerId", "customerName", "firstResponseAt", "id", "number", "orderId", "orderName", "priority", "resolvedAt", "returnCaseId", "shop", "slaDueAt", "status", "subject", "updatedAt") SELECT "assignee", "category", "channel", "closedAt", "createdAt", "csatComment", "csatScore", "customerEmail", "customerId", "customerName", "firstResponseAt", "id", "number", "orderId", "orderName", "priority", "resolvedAt", "returnCaseId", "shop", "slaDueAt", "status", "subject", "updatedAt" FROM "Ticket";
DROP TABLE "Ticket";
ALTER TABLE "new_Ticket" RENAME TO "Ticket";
CREATE INDEX "Ticket_shop_status_createdAt_idx" ON "Ticket"("shop", "status", "createdAt");
CREATE INDEX "Ticket_shop_createdAt_idx" ON "Ticket"("shop", "createdAt");
CREATE INDEX "Ticket_shop_resolvedAt_idx" ON "Ticket"("shop", "resolvedAt");
CREATE INDEX "Ticket_shop_customerId_idx" ON "Ticket"("shop", "customerId");
CREATE INDEX "Ticket_shop_returnCaseId_idx" ON "Ticket"("shop", "returnCaseId");
CREATE UNIQUE INDEX "Ticket_shop_number_key" ON "Ticket"("shop", "number");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

