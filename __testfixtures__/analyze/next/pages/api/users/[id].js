// pages/api/users/[id].js: imports nothing from Next
import { getUser, updateUser, deleteUser } from '../../../lib/users';

export default async function handler(req, res) {
  const { id } = req.query;

  if (req.method === 'GET') {
    try {
      const user = await getUser(id);
      if (!user) {
        return res.status(200).json({ success: false, error: 'User not found' }); // expect: error-in-2xx
      }
      return res.status(200).json(user);
    } catch (err) {
      return res.status(500).json({ error: err.message }); // expect: leaked-exception
    }
  }

  if (req.method === 'PUT') {
    try {
      const user = await updateUser(id, req.body);
      return res.json(user);
    } catch (err) {
      console.error(err);
      return res.status(500).end(); // expect: bare-500
    }
  }

  if (req.method === 'DELETE') {
    try {
      await deleteUser(id);
      return res.status(204).end();
    } catch (err) {
      res.statusCode = 500;
      res.end(JSON.stringify({ message: 'Could not delete user', stack: err.stack })); // expect: leaked-exception
      return;
    }
  }

  res.setHeader('Allow', ['GET', 'PUT', 'DELETE']);
  res.status(405).end(`Method ${req.method} Not Allowed`);
}
