-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "RegionLevel" AS ENUM ('COUNTRY', 'PROVINCE', 'DISTRICT', 'COMMUNE');

-- CreateEnum
CREATE TYPE "SuccessionKind" AS ENUM ('MERGER', 'CONTINUATION', 'SPLIT');

-- CreateEnum
CREATE TYPE "IndicatorCategory" AS ENUM ('ADMIN_REFORM_PUBLIC_SERVICES', 'DIGITAL_GOVERNMENT', 'INVESTMENT', 'ENTERPRISE', 'GOVERNANCE_INDEX');

-- CreateEnum
CREATE TYPE "Direction" AS ENUM ('HIGHER_IS_BETTER', 'LOWER_IS_BETTER', 'NEUTRAL');

-- CreateEnum
CREATE TYPE "AggregationRule" AS ENUM ('SUM', 'RATIO', 'LAST_VALUE', 'NONE');

-- CreateEnum
CREATE TYPE "Framework" AS ENUM ('PAR_INDEX', 'SIPAS', 'PAPI', 'PCI', 'SERVICE_INDEX_766');

-- CreateEnum
CREATE TYPE "SourceKind" AS ENUM ('OFFICIAL', 'PRESS', 'SYNTHETIC', 'OTHER');

-- CreateEnum
CREATE TYPE "PeriodKind" AS ENUM ('MONTH', 'QUARTER', 'YEAR', 'YEAR_TO_DATE', 'REPORTING_PERIOD', 'AS_OF_DATE');

-- CreateEnum
CREATE TYPE "Qualifier" AS ENUM ('EXACT', 'MORE_THAN', 'LESS_THAN', 'APPROXIMATELY');

-- CreateEnum
CREATE TYPE "ObservationStatus" AS ENUM ('PROVISIONAL', 'FINAL');

-- CreateEnum
CREATE TYPE "ChangeReference" AS ENUM ('SAME_PERIOD_LAST_YEAR', 'PREVIOUS_PERIOD');

-- CreateTable
CREATE TABLE "Region" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "level" "RegionLevel" NOT NULL,
    "nameVi" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "fullNameVi" TEXT NOT NULL,
    "parentId" INTEGER,
    "validFrom" DATE,
    "validTo" DATE,

    CONSTRAINT "Region_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RegionSuccession" (
    "id" SERIAL NOT NULL,
    "predecessorId" INTEGER NOT NULL,
    "successorId" INTEGER NOT NULL,
    "effectiveFrom" DATE NOT NULL,
    "kind" "SuccessionKind" NOT NULL,
    "legalBasis" TEXT NOT NULL,

    CONSTRAINT "RegionSuccession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Unit" (
    "code" TEXT NOT NULL,
    "nameVi" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "symbol" TEXT,

    CONSTRAINT "Unit_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "Indicator" (
    "id" SERIAL NOT NULL,
    "slug" TEXT NOT NULL,
    "nameVi" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "descriptionVi" TEXT NOT NULL,
    "descriptionEn" TEXT NOT NULL,
    "unitCode" TEXT NOT NULL,
    "scaleExponent" INTEGER NOT NULL DEFAULT 0,
    "decimals" INTEGER NOT NULL DEFAULT 0,
    "category" "IndicatorCategory" NOT NULL,
    "direction" "Direction" NOT NULL,
    "aggregation" "AggregationRule" NOT NULL,
    "framework" "Framework",
    "numeratorId" INTEGER,
    "denominatorId" INTEGER,
    "ratioMultiplier" INTEGER NOT NULL DEFAULT 100,

    CONSTRAINT "Indicator_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Source" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "kind" "SourceKind" NOT NULL,
    "publisher" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "url" TEXT,
    "publishedAt" DATE,
    "author" TEXT,
    "licence" TEXT,
    "originator" TEXT,
    "note" TEXT,

    CONSTRAINT "Source_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Observation" (
    "id" SERIAL NOT NULL,
    "indicatorId" INTEGER NOT NULL,
    "regionId" INTEGER NOT NULL,
    "periodStart" DATE NOT NULL,
    "periodEnd" DATE NOT NULL,
    "periodKind" "PeriodKind" NOT NULL,
    "value" DECIMAL(30,8) NOT NULL,
    "qualifier" "Qualifier" NOT NULL DEFAULT 'EXACT',
    "status" "ObservationStatus" NOT NULL DEFAULT 'PROVISIONAL',
    "reportedChangePercent" DECIMAL(12,4),
    "reportedChangeAbsolute" DECIMAL(30,8),
    "reportedChangeAgainst" "ChangeReference",
    "sourceId" INTEGER NOT NULL,
    "recordedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "supersededAt" TIMESTAMPTZ(3),
    "note" TEXT,

    CONSTRAINT "Observation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Region_key_key" ON "Region"("key");

-- CreateIndex
CREATE INDEX "Region_level_code_idx" ON "Region"("level", "code");

-- CreateIndex
CREATE INDEX "Region_parentId_idx" ON "Region"("parentId");

-- CreateIndex
CREATE INDEX "RegionSuccession_successorId_idx" ON "RegionSuccession"("successorId");

-- CreateIndex
CREATE UNIQUE INDEX "RegionSuccession_predecessorId_successorId_key" ON "RegionSuccession"("predecessorId", "successorId");

-- CreateIndex
CREATE UNIQUE INDEX "Indicator_slug_key" ON "Indicator"("slug");

-- CreateIndex
CREATE INDEX "Indicator_category_idx" ON "Indicator"("category");

-- CreateIndex
CREATE UNIQUE INDEX "Source_key_key" ON "Source"("key");

-- CreateIndex
CREATE INDEX "Observation_indicatorId_regionId_periodStart_idx" ON "Observation"("indicatorId", "regionId", "periodStart");

-- CreateIndex
CREATE INDEX "Observation_regionId_periodEnd_idx" ON "Observation"("regionId", "periodEnd");

-- CreateIndex
CREATE INDEX "Observation_sourceId_idx" ON "Observation"("sourceId");

-- CreateIndex
CREATE UNIQUE INDEX "Observation_indicatorId_regionId_periodKind_periodStart_per_key" ON "Observation"("indicatorId", "regionId", "periodKind", "periodStart", "periodEnd", "recordedAt");

-- AddForeignKey
ALTER TABLE "Region" ADD CONSTRAINT "Region_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Region"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RegionSuccession" ADD CONSTRAINT "RegionSuccession_predecessorId_fkey" FOREIGN KEY ("predecessorId") REFERENCES "Region"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RegionSuccession" ADD CONSTRAINT "RegionSuccession_successorId_fkey" FOREIGN KEY ("successorId") REFERENCES "Region"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Indicator" ADD CONSTRAINT "Indicator_unitCode_fkey" FOREIGN KEY ("unitCode") REFERENCES "Unit"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Indicator" ADD CONSTRAINT "Indicator_numeratorId_fkey" FOREIGN KEY ("numeratorId") REFERENCES "Indicator"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Indicator" ADD CONSTRAINT "Indicator_denominatorId_fkey" FOREIGN KEY ("denominatorId") REFERENCES "Indicator"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Observation" ADD CONSTRAINT "Observation_indicatorId_fkey" FOREIGN KEY ("indicatorId") REFERENCES "Indicator"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Observation" ADD CONSTRAINT "Observation_regionId_fkey" FOREIGN KEY ("regionId") REFERENCES "Region"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Observation" ADD CONSTRAINT "Observation_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
