-- CreateTable
CREATE TABLE "PortalLookupFailure" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "clientKey" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PortalLookupFailure_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PortalLookupFailure_shop_clientKey_createdAt_idx" ON "PortalLookupFailure"("shop", "clientKey", "createdAt");

-- CreateIndex
CREATE INDEX "PortalLookupFailure_createdAt_idx" ON "PortalLookupFailure"("createdAt");

