-- AlterTable (an added column, not a table rebuild: support email's Shop columns, added by
-- an earlier migration of the same day, must survive)
ALTER TABLE "Shop" ADD COLUMN "guestLookup" BOOLEAN NOT NULL DEFAULT true;
