-- CreateTable
CREATE TABLE "ReconciliationRun" (
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
    "errors" JSONB NOT NULL
);

-- CreateIndex
CREATE INDEX "ReconciliationRun_shop_status_startedAt_idx" ON "ReconciliationRun"("shop", "status", "startedAt");

