-- CreateTable
CREATE TABLE "Publication" (
    "id" SERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "indicators" TEXT[],
    "charts" TEXT[],

    CONSTRAINT "Publication_pkey" PRIMARY KEY ("id")
);
