// Profile endpoints: the caller is logged in, so "user not found" here speaks of their own (deleted) account.
const bcrypt = require('bcryptjs');
const Account = require('../models/account');

exports.updateProfile = async (req, res) => {
  const account = await Account.findById(req.user.id);
  if (!account) return res.status(404).json({ message: 'User not found' });
  if (!(await bcrypt.compare(req.body.currentPassword, account.password))) {
    return res.status(400).json({ message: 'Current password is incorrect' });
  }
  account.displayName = req.body.displayName;
  await account.save();
  res.json({ ok: true });
};

exports.signin = async (req, res) => {
  const account = await Account.findOne({ email: req.body.email });
  if (!account) return res.status(404).json({ message: 'User not found' }); // expect: account-enumeration
  if (!(await bcrypt.compare(req.body.password, account.password))) {
    return res.status(401).json({ message: 'Wrong password' });
  }
  res.json({ token: account.issueToken() });
};
