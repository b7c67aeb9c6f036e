-- AlterTable
ALTER TABLE "Ticket" ADD COLUMN     "reopenCount" INTEGER NOT NULL DEFAULT 0;

