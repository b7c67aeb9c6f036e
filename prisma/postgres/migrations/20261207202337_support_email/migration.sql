-- AlterTable
ALTER TABLE "Shop" ADD COLUMN     "emailLocale" TEXT,
ADD COLUMN     "emailSenderName" TEXT;

-- AlterTable
ALTER TABLE "ReturnCase" ADD COLUMN     "locale" TEXT;

-- AlterTable
ALTER TABLE "Ticket" ADD COLUMN     "locale" TEXT;

-- TicketMessage.emailMessageId and its unique index come with 20261207202334_ticket_message_email_id.

-- CreateTable
CREATE TABLE "EmailDelivery" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "event" TEXT NOT NULL,
    "ticketId" TEXT,
    "returnCaseId" TEXT,
    "messageId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 1,
    "lastError" TEXT,
    "sentAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EmailDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "EmailDelivery_shop_ticketId_createdAt_idx" ON "EmailDelivery"("shop", "ticketId", "createdAt");

-- CreateIndex
CREATE INDEX "EmailDelivery_shop_returnCaseId_createdAt_idx" ON "EmailDelivery"("shop", "returnCaseId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "EmailDelivery_shop_key_key" ON "EmailDelivery"("shop", "key");

-- CreateIndex
CREATE UNIQUE INDEX "EmailDelivery_shop_messageId_key" ON "EmailDelivery"("shop", "messageId");

