-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ReconciliationRun" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "trigger" TEXT NOT NULL,
    "mode" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'running',
    "watermarkFrom" DATETIME,
    "watermarkTo" DATETIME NOT NULL,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME,
    "ordersChecked" INTEGER NOT NULL DEFAULT 0,
    "ordersRepaired" INTEGER NOT NULL DEFAULT 0,
    "refundsChecked" INTEGER NOT NULL DEFAULT 0,
    "refundsRepaired" INTEGER NOT NULL DEFAULT 0,
    "returnsChecked" INTEGER NOT NULL DEFAULT 0,
    "returnsRepaired" INTEGER NOT NULL DEFAULT 0,
    "errors" JSONB NOT NULL,
    "bulkOperationId" TEXT,
    "bulkStatus" TEXT,
    "bulkObjectCount" INTEGER NOT NULL DEFAULT 0,
    "bulkRootObjectCount" INTEGER NOT NULL DEFAULT 0,
    "bulkFallback" TEXT
);
INSERT INTO "new_ReconciliationRun" ("errors", "finishedAt", "id", "mode", "ordersChecked", "ordersRepaired", "refundsChecked", "refundsRepaired", "returnsChecked", "returnsRepaired", "shop", "startedAt", "status", "trigger", "watermarkFrom", "watermarkTo") SELECT "errors", "finishedAt", "id", "mode", "ordersChecked", "ordersRepaired", "refundsChecked", "refundsRepaired", "returnsChecked", "returnsRepaired", "shop", "startedAt", "status", "trigger", "watermarkFrom", "watermarkTo" FROM "ReconciliationRun";
DROP TABLE "ReconciliationRun";
ALTER TABLE "new_ReconciliationRun" RENAME TO "ReconciliationRun";
CREATE INDEX "ReconciliationRun_shop_status_startedAt_idx" ON "ReconciliationRun"("shop", "status", "startedAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

