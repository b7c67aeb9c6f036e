-- CreateTable
CREATE TABLE "RuleSet" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "rules" JSONB NOT NULL,
    "createdBy" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RuleSet_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RuleRun" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "ruleKey" TEXT NOT NULL,
    "ruleSetVersion" INTEGER NOT NULL,
    "entityType" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "trigger" TEXT NOT NULL,
    "facts" JSONB NOT NULL,
    "decision" TEXT NOT NULL,
    "reasons" JSONB NOT NULL,
    "outcome" TEXT NOT NULL DEFAULT 'pending',
    "error" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RuleRun_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "RuleSet_shop_version_key" ON "RuleSet"("shop", "version");

-- CreateIndex
CREATE INDEX "RuleRun_shop_createdAt_idx" ON "RuleRun"("shop", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "RuleRun_shop_ruleKey_entityType_entityId_trigger_key" ON "RuleRun"("shop", "ruleKey", "entityType", "entityId", "trigger");

