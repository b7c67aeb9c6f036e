-- CreateTable
CREATE TABLE "OrderClaimLock" (
    "shop" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "claims" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("shop", "orderId")
);

