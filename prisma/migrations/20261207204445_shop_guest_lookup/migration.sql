-- AlterTable
-- A plain ADD COLUMN: a redefined Shop table written before 20261207202337_support_email
-- would drop emailLocale and emailSenderName.
ALTER TABLE "Shop" ADD COLUMN "guestLookup" BOOLEAN NOT NULL DEFAULT true;
