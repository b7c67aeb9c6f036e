-- AlterTable
ALTER TABLE "Shop" ADD COLUMN     "guestLookup" BOOLEAN NOT NULL DEFAULT true;

