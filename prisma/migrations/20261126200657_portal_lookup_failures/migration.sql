-- CreateTable
CREATE TABLE "PortalLookupFailure" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "clientKey" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "PortalLookupFailure_shop_clientKey_createdAt_idx" ON "PortalLookupFailure"("shop", "clientKey", "createdAt");

-- CreateIndex
CREATE INDEX "PortalLookupFailure_createdAt_idx" ON "PortalLookupFailure"("createdAt");

