-- CreateTable
CREATE TABLE "OrderClaimLock" (
    "shop" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "claims" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "OrderClaimLock_pkey" PRIMARY KEY ("shop","orderId")
);

