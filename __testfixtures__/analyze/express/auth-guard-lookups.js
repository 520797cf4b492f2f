// JWT guard and account endpoints: lookups of the caller's own account are not login answers.
const jwt = require('jsonwebtoken');
const Account = require('../models/account');
const Admin = require('../models/admin');

exports.guard = async (req, res, next) => {
  const token = req.headers['x-access-token'];
  if (!token) return res.status(401).json({ message: 'No token provided' });
  let claims;
  try {
    claims = jwt.verify(token, process.env.JWT_KEY);
  } catch (e) {
    return res.status(401).json({ message: 'Invalid token' });
  }
  const user = await Account.findById(claims.id);
  if (!user) return res.status(404).json({ message: 'User not found' });
  if (user.state !== 'active') return res.status(403).json({ message: 'Account is deactivated' });
  req.user = user;
  next();
};

exports.ownerContact = async (req, res) => {
  const admin = await Admin.findOne({ kind: 'owner' });
  if (!admin) return res.status(404).json({ message: 'Admin not found' });
  res.json({ email: admin.email });
};

exports.legacyVerify = (req, res, next) => {
  const header = req.headers.authorization;
  if (header == null) return res.sendStatus(401);
  jwt.verify(header.split(' ')[1], process.env.JWT_KEY, (err, claims) => {
    if (err) return res.sendStatus(403); // expect: auth-status-mismatch
    req.user = claims;
    next();
  });
};

exports.adminLogin = async (req, res) => {
  const account = await Admin.findOne({ email: req.body.email });
  if (!account) return res.status(404).json({ message: 'Admin not found' }); // expect: account-enumeration
  if (!(await account.comparePassword(req.body.password))) return res.status(401).json({ message: 'Invalid credentials' });
  res.json({ token: jwt.sign({ id: account.id }, process.env.JWT_KEY) });
};
