-- DropIndex
DROP INDEX "MoneyMovement_shop_kind_createdAt_idx";

-- DropIndex
DROP INDEX "MoneyMovement_shop_status_createdAt_kind_currencyCode_amoun_idx";

-- CreateIndex
CREATE INDEX "MoneyMovement_shop_kind_createdAt_status_currencyCode_amoun_idx" ON "MoneyMovement"("shop", "kind", "createdAt", "status", "currencyCode", "amountMinor");

