import { Request, Response } from 'express';
import { ReportService } from '../services/report.service';

const reports = new ReportService();

export function monthlyReport(req: Request, res: Response) {
  reports
    .monthly(Number(req.query.year), Number(req.query.month))
    .then((report) => res.json(report))
    .catch((error) => res.status(500).json({ message: error.message, stack: error.stack }));
}
