-- AlterTable
ALTER TABLE "ReconciliationRun" ADD COLUMN     "bulkFallback" TEXT,
ADD COLUMN     "bulkObjectCount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "bulkOperationId" TEXT,
ADD COLUMN     "bulkRootObjectCount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "bulkStatus" TEXT;

