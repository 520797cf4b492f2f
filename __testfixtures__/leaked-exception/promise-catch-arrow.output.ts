import { Request, Response, NextFunction } from 'express';
import { ReportService } from '../services/report.service';
import { InternalError } from '../errors';

const reports = new ReportService();

export function monthlyReport(req: Request, res: Response, next: NextFunction) {
  reports
    .monthly(Number(req.query.year), Number(req.query.month))
    .then((report) => res.json(report))
    .catch((error) => next(new InternalError(undefined, { cause: error })));
}
