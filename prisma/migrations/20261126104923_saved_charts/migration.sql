-- CreateEnum
CREATE TYPE "ChartElement" AS ENUM ('CHART', 'KPI', 'SHARE', 'RANKING', 'TABLE');

-- CreateTable
CREATE TABLE "SavedChart" (
    "id" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SavedChart_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SavedChartVersion" (
    "id" SERIAL NOT NULL,
    "chartId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "element" "ChartElement" NOT NULL,
    "config" JSONB NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SavedChartVersion_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "SavedChartVersion_chartId_number_key" ON "SavedChartVersion"("chartId", "number");

-- AddForeignKey
ALTER TABLE "SavedChartVersion" ADD CONSTRAINT "SavedChartVersion_chartId_fkey" FOREIGN KEY ("chartId") REFERENCES "SavedChart"("id") ON DELETE CASCADE ON UPDATE CASCADE;
