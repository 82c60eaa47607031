// POST /api/analysis/grades: planners recompute the per-mu benefit evaluation (亩均效益评价).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { RequestError } from '../http/errors.ts';
import { ErrorResponse, errorResponses } from '../http/schemas.ts';
import { GradingSettingsError, recomputeGrades } from './recompute.ts';
import { GradingRun } from './schemas.ts';

const gradingRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/api/analysis/grades',
    {
      config: { policy: 'planner' },
      schema: {
        tags: ['analysis'],
        summary:
          'Score, rank (within each county) and grade every occupied plot from the grading settings; counts per grade and county, and the time taken',
        response: { 200: GradingRun, ...errorResponses, 409: ErrorResponse },
      },
    },
    async (request) => {
      try {
        return await recomputeGrades(app.db.pool, request.viewer.userId);
      } catch (error) {
        if (error instanceof GradingSettingsError) throw new RequestError(409, error.message);
        throw error;
      }
    },
  );
};

export default gradingRoutes;
