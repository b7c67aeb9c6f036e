-- CreateTable
CREATE TABLE "ReconciliationRun" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "trigger" TEXT NOT NULL,
    "mode" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'running',
    "watermarkFrom" TIMESTAMP(3),
    "watermarkTo" TIMESTAMP(3) NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "ordersChecked" INTEGER NOT NULL DEFAULT 0,
    "ordersRepaired" INTEGER NOT NULL DEFAULT 0,
    "refundsChecked" INTEGER NOT NULL DEFAULT 0,
    "refundsRepaired" INTEGER NOT NULL DEFAULT 0,
    "returnsChecked" INTEGER NOT NULL DEFAULT 0,
    "returnsRepaired" INTEGER NOT NULL DEFAULT 0,
    "errors" JSONB NOT NULL,

    CONSTRAINT "ReconciliationRun_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ReconciliationRun_shop_status_startedAt_idx" ON "ReconciliationRun"("shop", "status", "startedAt");

