-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "isOnline" BOOLEAN NOT NULL DEFAULT false,
    "scope" TEXT,
    "expires" DATETIME,
    "accessToken" TEXT NOT NULL,
    "userId" BIGINT,
    "firstName" TEXT,
    "lastName" TEXT,
    "email" TEXT,
    "accountOwner" BOOLEAN,
    "locale" TEXT,
    "collaborator" BOOLEAN,
    "emailVerified" BOOLEAN,
    "refreshToken" TEXT,
    "refreshTokenExpires" DATETIME
);

-- CreateTable
CREATE TABLE "Shop" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "name" TEXT,
    "email" TEXT,
    "currencyCode" TEXT NOT NULL DEFAULT 'USD',
    "ianaTimezone" TEXT NOT NULL DEFAULT 'UTC',
    "scopes" TEXT,
    "nextTicketNumber" INTEGER NOT NULL DEFAULT 1,
    "installedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "uninstalledAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Policy" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "returnWindowDays" INTEGER NOT NULL DEFAULT 30,
    "windowStartsFrom" TEXT NOT NULL DEFAULT 'delivery',
    "allowRefund" BOOLEAN NOT NULL DEFAULT true,
    "allowStoreCredit" BOOLEAN NOT NULL DEFAULT true,
    "allowExchange" BOOLEAN NOT NULL DEFAULT true,
    "storeCreditBonusBps" INTEGER NOT NULL DEFAULT 0,
    "restockingFeeBps" INTEGER NOT NULL DEFAULT 0,
    "returnShippingFeeMinor" BIGINT NOT NULL DEFAULT 0,
    "excludedTags" JSONB NOT NULL,
    "excludedProductTypes" JSONB NOT NULL,
    "finalSaleTag" TEXT NOT NULL DEFAULT 'final-sale',
    "reasons" JSONB NOT NULL,
    "autoApprove" BOOLEAN NOT NULL DEFAULT true,
    "manualReviewThresholdMinor" BIGINT,
    "serialReturnerCount" INTEGER,
    "serialReturnerDays" INTEGER NOT NULL DEFAULT 90,
    "keepItemThresholdMinor" BIGINT,
    "policyText" TEXT,
    "createdBy" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "ReturnCase" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'requested',
    "channel" TEXT NOT NULL,
    "resolution" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "orderName" TEXT NOT NULL,
    "customerId" TEXT,
    "customerEmail" TEXT,
    "customerName" TEXT,
    "currencyCode" TEXT NOT NULL,
    "policyId" TEXT,
    "policyVersion" INTEGER,
    "decision" JSONB NOT NULL,
    "quote" JSONB,
    "refundAmountMinor" BIGINT NOT NULL DEFAULT 0,
    "storeCreditAmountMinor" BIGINT NOT NULL DEFAULT 0,
    "bonusAmountMinor" BIGINT NOT NULL DEFAULT 0,
    "feeAmountMinor" BIGINT NOT NULL DEFAULT 0,
    "exchangeDifferenceMinor" BIGINT NOT NULL DEFAULT 0,
    "note" TEXT,
    "declineReason" TEXT,
    "clientKey" TEXT,
    "shopifyReturnId" TEXT,
    "shopifyReturnName" TEXT,
    "requestedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "approvedAt" DATETIME,
    "declinedAt" DATETIME,
    "receivedAt" DATETIME,
    "resolvedAt" DATETIME,
    "closedAt" DATETIME,
    "canceledAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ReturnCase_policyId_fkey" FOREIGN KEY ("policyId") REFERENCES "Policy" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ReturnLine" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "returnCaseId" TEXT NOT NULL,
    "orderLineItemId" TEXT NOT NULL,
    "fulfillmentLineItemId" TEXT,
    "shopifyReturnLineItemId" TEXT,
    "productId" TEXT,
    "variantId" TEXT,
    "title" TEXT NOT NULL,
    "variantTitle" TEXT,
    "sku" TEXT,
    "imageUrl" TEXT,
    "unitPriceMinor" BIGINT NOT NULL,
    "unitTaxMinor" BIGINT NOT NULL DEFAULT 0,
    "quantityRequested" INTEGER NOT NULL,
    "quantityReceived" INTEGER NOT NULL DEFAULT 0,
    "quantityRestocked" INTEGER NOT NULL DEFAULT 0,
    "quantityRefunded" INTEGER NOT NULL DEFAULT 0,
    "reasonCode" TEXT NOT NULL,
    "reasonDefinitionId" TEXT,
    "note" TEXT,
    "photos" JSONB NOT NULL,
    "exchangeVariantId" TEXT,
    "exchangeVariantTitle" TEXT,
    "exchangeUnitPriceMinor" BIGINT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ReturnLine_returnCaseId_fkey" FOREIGN KEY ("returnCaseId") REFERENCES "ReturnCase" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "MoneyMovement" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "returnCaseId" TEXT,
    "orderId" TEXT NOT NULL,
    "customerId" TEXT,
    "kind" TEXT NOT NULL,
    "amountMinor" BIGINT NOT NULL,
    "currencyCode" TEXT NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "shopifyId" TEXT,
    "error" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "actor" TEXT NOT NULL,
    "note" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "completedAt" DATETIME,
    CONSTRAINT "MoneyMovement_returnCaseId_fkey" FOREIGN KEY ("returnCaseId") REFERENCES "ReturnCase" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Ticket" (
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
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Ticket_returnCaseId_fkey" FOREIGN KEY ("returnCaseId") REFERENCES "ReturnCase" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "TicketMessage" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "ticketId" TEXT NOT NULL,
    "authorType" TEXT NOT NULL,
    "authorName" TEXT,
    "visibility" TEXT NOT NULL DEFAULT 'public',
    "body" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "TicketMessage_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "WebhookEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "webhookId" TEXT NOT NULL,
    "eventId" TEXT,
    "apiVersion" TEXT,
    "triggeredAt" DATETIME,
    "payload" JSONB NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastError" TEXT,
    "receivedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processedAt" DATETIME
);

-- CreateTable
CREATE TABLE "Job" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "dedupeKey" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "runAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lockedAt" DATETIME,
    "lastError" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "entityType" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "data" JSONB,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "Session_shop_idx" ON "Session"("shop");

-- CreateIndex
CREATE UNIQUE INDEX "Shop_shop_key" ON "Shop"("shop");

-- CreateIndex
CREATE UNIQUE INDEX "Policy_shop_version_key" ON "Policy"("shop", "version");

-- CreateIndex
CREATE INDEX "ReturnCase_shop_status_createdAt_idx" ON "ReturnCase"("shop", "status", "createdAt");

-- CreateIndex
CREATE INDEX "ReturnCase_shop_createdAt_idx" ON "ReturnCase"("shop", "createdAt");

-- CreateIndex
CREATE INDEX "ReturnCase_shop_orderId_idx" ON "ReturnCase"("shop", "orderId");

-- CreateIndex
CREATE INDEX "ReturnCase_shop_customerId_idx" ON "ReturnCase"("shop", "customerId");

-- CreateIndex
CREATE UNIQUE INDEX "ReturnCase_shop_clientKey_key" ON "ReturnCase"("shop", "clientKey");

-- CreateIndex
CREATE UNIQUE INDEX "ReturnCase_shop_shopifyReturnId_key" ON "ReturnCase"("shop", "shopifyReturnId");

-- CreateIndex
CREATE INDEX "ReturnLine_shop_returnCaseId_idx" ON "ReturnLine"("shop", "returnCaseId");

-- CreateIndex
CREATE INDEX "ReturnLine_shop_orderLineItemId_idx" ON "ReturnLine"("shop", "orderLineItemId");

-- CreateIndex
CREATE INDEX "MoneyMovement_shop_returnCaseId_idx" ON "MoneyMovement"("shop", "returnCaseId");

-- CreateIndex
CREATE INDEX "MoneyMovement_shop_status_idx" ON "MoneyMovement"("shop", "status");

-- CreateIndex
CREATE INDEX "MoneyMovement_shop_kind_createdAt_idx" ON "MoneyMovement"("shop", "kind", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "MoneyMovement_shop_idempotencyKey_key" ON "MoneyMovement"("shop", "idempotencyKey");

-- CreateIndex
CREATE INDEX "Ticket_shop_status_createdAt_idx" ON "Ticket"("shop", "status", "createdAt");

-- CreateIndex
CREATE INDEX "Ticket_shop_customerId_idx" ON "Ticket"("shop", "customerId");

-- CreateIndex
CREATE INDEX "Ticket_shop_returnCaseId_idx" ON "Ticket"("shop", "returnCaseId");

-- CreateIndex
CREATE UNIQUE INDEX "Ticket_shop_number_key" ON "Ticket"("shop", "number");

-- CreateIndex
CREATE INDEX "TicketMessage_shop_ticketId_createdAt_idx" ON "TicketMessage"("shop", "ticketId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "WebhookEvent_webhookId_key" ON "WebhookEvent"("webhookId");

-- CreateIndex
CREATE INDEX "WebhookEvent_status_nextAttemptAt_idx" ON "WebhookEvent"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "WebhookEvent_shop_topic_receivedAt_idx" ON "WebhookEvent"("shop", "topic", "receivedAt");

-- CreateIndex
CREATE INDEX "Job_status_runAt_idx" ON "Job"("status", "runAt");

-- CreateIndex
CREATE UNIQUE INDEX "Job_shop_dedupeKey_key" ON "Job"("shop", "dedupeKey");

-- CreateIndex
CREATE INDEX "AuditEvent_shop_entityType_entityId_createdAt_idx" ON "AuditEvent"("shop", "entityType", "entityId", "createdAt");

-- CreateIndex
CREATE INDEX "AuditEvent_shop_createdAt_idx" ON "AuditEvent"("shop", "createdAt");

