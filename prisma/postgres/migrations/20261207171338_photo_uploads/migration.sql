-- CreateTable
CREATE TABLE "PhotoUpload" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "storage" TEXT NOT NULL DEFAULT 'local',
    "contentType" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "orderId" TEXT,
    "customerId" TEXT,
    "returnCaseId" TEXT,
    "attachedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PhotoUpload_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PhotoUpload_shop_customerId_idx" ON "PhotoUpload"("shop", "customerId");

-- CreateIndex
CREATE INDEX "PhotoUpload_shop_orderId_idx" ON "PhotoUpload"("shop", "orderId");

-- CreateIndex
CREATE INDEX "PhotoUpload_shop_returnCaseId_idx" ON "PhotoUpload"("shop", "returnCaseId");

-- CreateIndex
CREATE INDEX "PhotoUpload_returnCaseId_createdAt_idx" ON "PhotoUpload"("returnCaseId", "createdAt");

