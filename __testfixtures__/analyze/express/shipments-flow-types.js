import type { $Request, $Response, NextFunction } from 'express';
import express from 'express';
import { Shipment } from '../models/shipment';
import { carrier } from '../services/carrier';

type TrackingEvent = {
  at: string,
  location: ?string,
  status: string,
};

const router = express.Router();

async function listShipments(req: $Request, res: $Response): Promise<void> {
  try {
    const shipments: Array<Shipment> = await Shipment.findAll({ where: { accountId: req.user.accountId } });
    res.json(shipments);
  } catch (err) {
    res.status(500).json({ error: err.message }); // expect: leaked-exception
  }
}

async function trackShipment(req: $Request, res: $Response, next: NextFunction): Promise<void> {
  try {
    const shipment: ?Shipment = await Shipment.findByPk(req.params.id);
    if (!shipment) {
      res.status(404).json({ error: 'Shipment not found' });
      return;
    }
    const events: Array<TrackingEvent> = await carrier.track(shipment.trackingNumber);
    res.json({ shipment, events });
  } catch (err) {
    if (err.response) {
      res.status(502).json({ error: 'Carrier lookup failed', carrier: err.response.data }); // expect: leaked-downstream
      return;
    }
    next(err);
  }
}

function cancelShipment(req: $Request, res: $Response): void {
  Shipment.cancel(req.params.id)
    .then(() => res.sendStatus(204))
    .catch((err: Error) => {
      console.error(err);
      res.sendStatus(500); // expect: bare-500
    });
}

router.get('/', listShipments);
router.get('/:id/tracking', trackShipment);
router.post('/:id/cancel', cancelShipment);

export default router;
