-- AlterEnum
ALTER TYPE "ChartElement" ADD VALUE 'MAP';
