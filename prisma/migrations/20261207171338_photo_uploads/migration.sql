-- CreateTable
CREATE TABLE "PhotoUpload" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "storage" TEXT NOT NULL DEFAULT 'local',
    "contentType" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "orderId" TEXT,
    "customerId" TEXT,
    "returnCaseId" TEXT,
    "attachedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "PhotoUpload_shop_customerId_idx" ON "PhotoUpload"("shop", "customerId");

-- CreateIndex
CREATE INDEX "PhotoUpload_shop_orderId_idx" ON "PhotoUpload"("shop", "orderId");

-- CreateIndex
CREATE INDEX "PhotoUpload_shop_returnCaseId_idx" ON "PhotoUpload"("shop", "returnCaseId");

-- CreateIndex
CREATE INDEX "PhotoUpload_returnCaseId_createdAt_idx" ON "PhotoUpload"("returnCaseId", "createdAt");

