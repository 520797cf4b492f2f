import { Request, Response, NextFunction } from 'express';
import { ProductRepository, Product } from '../repositories/product-repository';
import { cache } from '../lib/cache';

type ProductQuery = { category?: string; page?: string };

export class ProductController {
  constructor(private readonly products: ProductRepository) {}

  list = async (req: Request<{}, Product[], unknown, ProductQuery>, res: Response): Promise<void> => {
    try {
      const page = Number(req.query.page ?? 1);
      const items = await this.products.list({ category: req.query.category, page });
      res.json(items);
    } catch (err) {
      console.error('ProductController.list', err);
      res.status(500).json({ message: 'Server error' }); // expect: bare-500
    }
  };

  async show(req: Request<{ id: string }>, res: Response, next: NextFunction): Promise<void> {
    try {
      const cached = await cache.get<Product>(`product:${req.params.id}`);
      const product = cached ?? (await this.products.findById(req.params.id));
      if (!product) {
        res.status(404).json({ message: 'Product not found' });
        return;
      }
      res.json(product);
    } catch (err) {
      next(err);
    }
  }

  async updatePrice(req: Request<{ id: string }, unknown, { priceCents: number }>, res: Response): Promise<void> {
    try {
      await this.products.updatePrice(req.params.id, req.body.priceCents);
      await cache.del(`product:${req.params.id}`);
      res.sendStatus(204);
    } catch {
      res.status(500).json({ error: 'An error occurred' }); // expect: bare-500
    }
  }

  async remove(req: Request<{ id: string }>, res: Response): Promise<void> {
    try {
      await this.products.softDelete(req.params.id);
      res.status(204).end();
    } catch (err) {
      console.error(err);
      res.status(500);
      res.send('Unexpected error'); // expect: bare-500
    }
  }

  async restock(req: Request<{ id: string }, unknown, { quantity: number }>, res: Response, next: NextFunction) {
    try {
      const product = await this.products.adjustStock(req.params.id, req.body.quantity);
      res.json({ id: product.id, stock: product.stock });
    } catch (err) {
      next(err);
    }
  }
}
