-- AlterTable (an added column, not a table rebuild: the help desk's and support email's
-- Ticket columns, added by earlier migrations of the same day, must survive)
ALTER TABLE "Ticket" ADD COLUMN "reopenCount" INTEGER NOT NULL DEFAULT 0;
