-- CreateTable
CREATE TABLE "OrderMirror" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "customerId" TEXT,
    "orderCreatedAt" DATETIME NOT NULL,
    "processedAt" DATETIME,
    "shopifyUpdatedAt" DATETIME NOT NULL,
    "totalMinor" BIGINT NOT NULL,
    "currencyCode" TEXT NOT NULL,
    "financialStatus" TEXT,
    "fulfillmentStatus" TEXT,
    "lineCount" INTEGER NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "CustomerMirror" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "ordersCount" INTEGER NOT NULL,
    "shopifyUpdatedAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "FulfillmentMirror" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "fulfillmentId" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "status" TEXT,
    "shipmentStatus" TEXT,
    "deliveredAt" DATETIME,
    "shopifyUpdatedAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "OrderMirror_shop_customerId_orderCreatedAt_idx" ON "OrderMirror"("shop", "customerId", "orderCreatedAt");

-- CreateIndex
CREATE UNIQUE INDEX "OrderMirror_shop_orderId_key" ON "OrderMirror"("shop", "orderId");

-- CreateIndex
CREATE UNIQUE INDEX "CustomerMirror_shop_customerId_key" ON "CustomerMirror"("shop", "customerId");

-- CreateIndex
CREATE INDEX "FulfillmentMirror_shop_orderId_idx" ON "FulfillmentMirror"("shop", "orderId");

-- CreateIndex
CREATE UNIQUE INDEX "FulfillmentMirror_shop_fulfillmentId_key" ON "FulfillmentMirror"("shop", "fulfillmentId");

