const config = require('../config/auth.config');
const db = require('../models');
const jwt = require('jsonwebtoken');
const bcrypt = require('bcryptjs');

const User = db.user;

exports.signup = (req, res) => {
  const user = new User({
    username: req.body.username,
    email: req.body.email,
    password: bcrypt.hashSync(req.body.password, 8),
  });

  user
    .save()
    .then(() => res.send({ message: 'User was registered successfully!' }))
    .catch((err) => {
      res.status(500).send({ message: err.message }); // expect: leaked-exception
    });
};

exports.signin = (req, res) => {
  User.findOne({ username: req.body.username })
    .populate('roles', '-__v')
    .then((user) => {
      if (!user) {
        return res.status(404).send({ message: 'User Not found.' }); // expect: account-enumeration
      }

      const passwordIsValid = bcrypt.compareSync(req.body.password, user.password);
      if (!passwordIsValid) {
        return res.status(401).send({ accessToken: null, message: 'Invalid Password!' });
      }

      const token = jwt.sign({ id: user.id }, config.secret, { expiresIn: 86400 });
      res.status(200).send({
        id: user._id,
        username: user.username,
        email: user.email,
        roles: user.roles.map((role) => 'ROLE_' + role.name.toUpperCase()),
        accessToken: token,
      });
    })
    .catch((err) => {
      res.status(500).send({ message: err.message }); // expect: leaked-exception
    });
};

exports.adminLogin = async (req, res) => {
  const admin = await User.findOne({ email: req.body.email, isAdmin: true }).select('+password');
  if (!admin) {
    return res.json({ success: false, message: 'Email not registered' }); // expect: error-in-2xx, account-enumeration
  }
  const matches = await bcrypt.compare(req.body.password, admin.password);
  if (!matches) {
    return res.json({ success: false, message: 'Wrong password' }); // expect: error-in-2xx
  }
  req.session.adminId = admin.id;
  res.json({ success: true });
};
