-- Rows received before event ids were deduplicated may repeat one: keep the id on the
-- first of them only, so the index can be built and no row is lost.
UPDATE "WebhookEvent" SET "eventId" = NULL
WHERE "eventId" IS NOT NULL AND EXISTS (
  SELECT 1 FROM "WebhookEvent" AS earlier
  WHERE earlier."eventId" = "WebhookEvent"."eventId" AND earlier."topic" = "WebhookEvent"."topic"
    AND earlier."shop" = "WebhookEvent"."shop" AND earlier."id" < "WebhookEvent"."id"
);

-- CreateIndex
CREATE UNIQUE INDEX "WebhookEvent_eventId_topic_shop_key" ON "WebhookEvent"("eventId", "topic", "shop");
