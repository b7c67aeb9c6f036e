-- DropIndex
DROP INDEX "ReturnCase_shop_createdAt_idx";

-- CreateIndex
CREATE INDEX "ReturnCase_shop_createdAt_status_resolution_idx" ON "ReturnCase"("shop", "createdAt", "status", "resolution");

-- CreateIndex
CREATE INDEX "ReturnCase_shop_resolvedAt_idx" ON "ReturnCase"("shop", "resolvedAt");

-- CreateIndex
CREATE INDEX "ReturnCase_shop_updatedAt_idx" ON "ReturnCase"("shop", "updatedAt");

-- CreateIndex
CREATE INDEX "ReturnLine_shop_createdAt_reasonCode_quantityRequested_idx" ON "ReturnLine"("shop", "createdAt", "reasonCode", "quantityRequested");

-- CreateIndex
CREATE INDEX "MoneyMovement_shop_status_createdAt_kind_currencyCode_amountMinor_idx" ON "MoneyMovement"("shop", "status", "createdAt", "kind", "currencyCode", "amountMinor");

-- CreateIndex
CREATE INDEX "Ticket_shop_createdAt_idx" ON "Ticket"("shop", "createdAt");

-- CreateIndex
CREATE INDEX "Ticket_shop_resolvedAt_idx" ON "Ticket"("shop", "resolvedAt");

-- CreateIndex
CREATE INDEX "AuditEvent_shop_action_createdAt_actor_idx" ON "AuditEvent"("shop", "action", "createdAt", "actor");

